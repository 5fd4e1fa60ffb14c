package fr.maillage.encounter.survey;

import fr.maillage.security.Scope;
import fr.maillage.security.SiteScopes;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs QuestionnaireResponse searches within the caller's scope, in the order (authored, id), by keyset: the
 * thousandth page costs what the first does.
 */
@Singleton
public class SurveyFinder {

    /**
     * A parsed search; every condition already checked.
     *
     * @param encounters sessions ({@code encounter}), any of them; empty for all
     * @param surveys questionnaires ({@code questionnaire}), any of them; empty for all
     * @param count page size
     * @param after the last row of the previous page
     * @param scope the sites the caller may see row by row
     */
    public record Search(List<UUID> encounters, List<Survey> surveys, int count, Optional<Cursor> after,
            Scope scope) {}

    /** Where a page stopped, in the sort order. */
    public record Cursor(Instant authored, UUID id) {}

    /** One row of a page. */
    public record Row(UUID id, Instant authored, String resource) {}

    private final JdbcOperations jdbc;
    private final SiteScopes scopes;

    SurveyFinder(JdbcOperations jdbc, SiteScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    /** One more row than the page size is read, to know whether a next page exists. */
    @Transactional(readOnly = true)
    public List<Row> find(Search search) {
        List<Object> values = new ArrayList<>();
        var sql = new StringBuilder("SELECT id, authored, resource::text FROM questionnaire_response WHERE ")
                .append(scopes.condition(search.scope(), "site_id", values));
        if (!search.encounters().isEmpty()) {
            sql.append(" AND encounter_id = ANY (?)");
            values.add(search.encounters().toArray(UUID[]::new));
        }
        if (!search.surveys().isEmpty()) {
            sql.append(" AND questionnaire = ANY (?)");
            values.add(search.surveys().stream().map(Survey::questionnaireId).toArray(String[]::new));
        }
        search.after().ifPresent(cursor -> {
            sql.append(" AND (authored, id) > (?, ?)");
            values.add(Timestamp.from(cursor.authored()));
            values.add(cursor.id());
        });
        sql.append(" ORDER BY authored, id LIMIT ?");
        values.add(search.count() + 1);
        return jdbc.prepareStatement(sql.toString(), statement -> {
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof String[] texts) {
                    statement.setArray(i + 1, statement.getConnection().createArrayOf("text", texts));
                } else if (value instanceof UUID[] ids) {
                    statement.setArray(i + 1, statement.getConnection().createArrayOf("uuid", ids));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            List<Row> rows = new ArrayList<>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3)));
                }
            }
            return rows;
        });
    }
}
