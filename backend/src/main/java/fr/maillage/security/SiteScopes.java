package fr.maillage.security;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns a {@link Scope} into SQL over sites and communes, so that row-level reads return only what the user may
 * see and territory reads stay within a coordinator's territory.
 */
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
        List<Object> values = new ArrayList<>();
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

    /** The sites of the scope, read once: for filtering a list without one query per row. */
    @Transactional(readOnly = true)
    public Predicate<String> visibleSites(Scope scope) {
        if (scope.everything()) {
            return site -> true;
        }
        List<Object> values = new ArrayList<>();
        Set<String> visible = new HashSet<>(query("SELECT id FROM site WHERE " + condition(scope, "id", values), values));
        return visible::contains;
    }

    @Transactional(readOnly = true)
    public boolean exists(String siteId) {
        return !query("SELECT id FROM site WHERE id = ?", List.of(siteId)).isEmpty();
    }

    /** The site of an incident, empty when there is no such incident (or the id is not a number). */
    @Transactional(readOnly = true)
    public Optional<String> siteOfIncident(String incidentId) {
        long id;
        try {
            id = Long.parseLong(incidentId);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return query("SELECT site_id FROM incident WHERE id = ?", List.of(id)).stream().findFirst();
    }

    /**
     * Whether every commune of a territory selection lies in the scope's territory (and the selection names at
     * least one known commune). Only a coordinator's scope can cover a territory short of everything.
     *
     * @param level {@code communes}, {@code epci} or {@code departements}, as in the API's paths
     */
    @Transactional(readOnly = true)
    public boolean coversTerritory(Scope scope, String level, List<String> codes) {
        if (scope.everything()) {
            return true;
        }
        String column = COMMUNE_COLUMNS.get(level.toLowerCase(Locale.ROOT));
        if (scope.territory().isEmpty() || column == null || codes.isEmpty()) {
            return false;
        }
        String territory = scope.territory().get();
        String inside = EPCI_SIREN.matcher(territory).matches() ? "epci_siren = ?" : "departement = ?";
        String sql = "SELECT count(*) FILTER (WHERE " + inside + ") = count(*) AND count(*) > 0 FROM commune WHERE "
                + column + " = ANY (?)";
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, territory);
            statement.setArray(2, statement.getConnection().createArrayOf("text", codes.toArray()));
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /**
     * The communes of the scope's territory, for filtering a list of communes: everything for a scope that covers
     * everything, none for a scope without a territory.
     */
    @Transactional(readOnly = true)
    public Predicate<String> visibleCommunes(Scope scope) {
        if (scope.everything()) {
            return commune -> true;
        }
        if (scope.territory().isEmpty()) {
            return commune -> false;
        }
        String territory = scope.territory().get();
        String column = EPCI_SIREN.matcher(territory).matches() ? "epci_siren" : "departement";
        Set<String> communes =
                new HashSet<>(query("SELECT insee_code FROM commune WHERE " + column + " = ?", List.of(territory)));
        return communes::contains;
    }

    private List<String> query(String sql, List<Object> values) {
        return jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            List<String> rows = new ArrayList<>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        });
    }

    /** The column of table {@code commune} naming each level of the API's territory paths. */
    private static final Map<String, String> COMMUNE_COLUMNS =
            Map.of("communes", "insee_code", "epci", "epci_siren", "departements", "departement");
}
