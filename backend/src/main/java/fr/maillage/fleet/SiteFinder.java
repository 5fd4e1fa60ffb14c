package fr.maillage.fleet;

import fr.maillage.security.Scope;
import fr.maillage.security.SiteScopes;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds sites by territory, kind and state, within what the user may see. The filter and the scope are both SQL,
 * so a coordinator's query reads only the sites of its territory. Used by {@code /api/fleet} and {@code /api/sites}.
 */
@Singleton
public class SiteFinder {

    private final JdbcOperations jdbc;
    private final SiteScopes scopes;

    SiteFinder(JdbcOperations jdbc, SiteScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    /** The sites that match, ordered by id. */
    @Transactional(readOnly = true)
    public List<Site> find(SiteFilter filter, Scope scope) {
        List<Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT s.* FROM site s WHERE ")
                .append(scopes.condition(scope, "s.id", values));
        if (filter.departement() != null) {
            sql.append(" AND s.insee_code LIKE ? || '%'");
            values.add(filter.departement());
        }
        if (filter.epci() != null) {
            sql.append(" AND s.insee_code IN (SELECT insee_code FROM commune WHERE epci_siren = ?)");
            values.add(filter.epci());
        }
        if (filter.commune() != null) {
            sql.append(" AND s.insee_code = ?");
            values.add(filter.commune());
        }
        if (filter.kind() != null) {
            sql.append(" AND s.kind = ?");
            values.add(filter.kind().name());
        }
        if (filter.state() != null) {
            sql.append(" AND s.state = ?");
            values.add(filter.state().name());
        }
        sql.append(" ORDER BY s.id");
        return jdbc.prepareStatement(sql.toString(), statement -> {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                return jdbc.entityStream(rs, Site.class).toList();
            }
        });
    }
}
