package fr.maillage.security;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Pattern;

/** Turns a {@link Scope} into SQL over sites, so that row-level reads return only what the user may see. */
@Singleton
public class SiteScopes {

    /** An EPCI is named by its 9-digit SIREN; anything shorter is a département code. */
    private static final Pattern EPCI_SIREN = Pattern.compile("[0-9]{9}");

    private final JdbcOperations jdbc;

    SiteScopes(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A condition on {@code siteColumn} (a site id) that holds for the sites of the scope; its parameters are
     * appended to {@code values}.
     */
    public String condition(Scope scope, String siteColumn, List<Object> values) {
        if (scope.everything()) {
            return "true";
        }
        if (scope.siteId().isPresent()) {
            values.add(scope.siteId().get());
            return siteColumn + " = ?";
        }
        if (scope.territory().isPresent()) {
            String territory = scope.territory().get();
            values.add(territory);
            return EPCI_SIREN.matcher(territory).matches()
                    ? siteColumn + " IN (SELECT s.id FROM site s JOIN commune c ON c.insee_code = s.insee_code"
                            + " WHERE c.epci_siren = ?)"
                    : siteColumn + " IN (SELECT id FROM site WHERE insee_code LIKE ? || '%')";
        }
        return "false";
    }

    /** Whether the scope covers one site. */
    @Transactional(readOnly = true)
    public boolean covers(Scope scope, String siteId) {
        if (scope.everything()) {
            return true;
        }
        List<Object> values = new java.util.ArrayList<>();
        String sql = "SELECT count(*) FROM site WHERE id = ? AND " + condition(scope, "id", values);
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, siteId);
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 2, values.get(i));
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }
}
