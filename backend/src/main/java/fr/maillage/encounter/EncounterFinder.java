package fr.maillage.encounter;

import fr.maillage.security.SiteScopes;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs Encounter searches. The SQL is assembled from a fixed set of conditions, each with bound parameters, and
 * pages by keyset on (period_start, id) — the index {@code encounter_period} serves it — so the thousandth page
 * costs what the first does.
 */
@Singleton
public class EncounterFinder {

    private final JdbcOperations jdbc;
    private final SiteScopes scopes;

    EncounterFinder(JdbcOperations jdbc, SiteScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    /** One row of a result page. */
    public record Row(UUID id, java.time.Instant periodStart, String resource) {}

    /** One more row than the page size is read, to know whether a next page exists. */
    @Transactional(readOnly = true)
    public List<Row> find(EncounterSearch search) {
        List<Object> values = new ArrayList<>();
        var sql = new StringBuilder("SELECT id, period_start, resource::text FROM encounter WHERE ")
                .append(scopes.condition(search.scope(), "site_id", values));
        for (EncounterSearch.Bound bound : search.periodBounds()) {
            sql.append(bound.side() == EncounterSearch.Side.LOWER
                    ? " AND coalesce(period_end, period_start) >= ?"
                    : " AND period_start < ?");
            values.add(Timestamp.from(bound.instant()));
        }
        for (EncounterSearch.Bound bound : search.lastUpdatedBounds()) {
            sql.append(bound.side() == EncounterSearch.Side.LOWER ? " AND updated_at >= ?" : " AND updated_at < ?");
            values.add(Timestamp.from(bound.instant()));
        }
        if (!search.locationIds().isEmpty()) {
            sql.append(" AND site_id = ANY (?)");
            values.add(search.locationIds().toArray(String[]::new));
        }
        if (!search.statuses().isEmpty()) {
            sql.append(" AND status = ANY (?)");
            values.add(search.statuses().toArray(String[]::new));
        }
        search.after().ifPresent(cursor -> {
            sql.append(" AND (period_start, id) > (?, ?)");
            values.add(Timestamp.from(cursor.periodStart()));
            values.add(cursor.id());
        });
        sql.append(" ORDER BY period_start, id LIMIT ?");
        values.add(search.count() + 1);
        return jdbc.prepareStatement(sql.toString(), statement -> {
            bind(statement, values);
            List<Row> rows = new ArrayList<>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3)));
                }
            }
            return rows;
        });
    }

    private static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof String[] array) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("text", array));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
