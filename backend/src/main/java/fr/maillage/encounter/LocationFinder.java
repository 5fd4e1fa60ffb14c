package fr.maillage.encounter;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads sites as Locations. Only sites that described themselves (a birth with name, kind and commune) are
 * Locations: the profile requires those.
 */
@Singleton
public class LocationFinder {

    private static final String SELECT = """
            SELECT s.id, s.name, s.kind, s.insee_code, c.name, s.latitude, s.longitude, s.operator_id
            FROM site s LEFT JOIN commune c ON c.insee_code = s.insee_code
            WHERE s.name IS NOT NULL AND s.kind IS NOT NULL AND s.insee_code IS NOT NULL""";

    private final JdbcOperations jdbc;

    LocationFinder(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Search criteria; null means "any". */
    record Criteria(String city, String inseeCode, String kind, String afterId, int count) {}

    @Transactional(readOnly = true)
    Optional<SiteLocation> byId(String id) {
        return jdbc.prepareStatement(SELECT + " AND s.id = ?", statement -> {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        });
    }

    /** Every described site, or those of one département; for exports. */
    @Transactional(readOnly = true)
    public List<SiteLocation> all(String departement) {
        String sql = SELECT + (departement == null ? "" : " AND s.insee_code LIKE ? || '%'") + " ORDER BY s.id";
        return jdbc.prepareStatement(sql, statement -> {
            if (departement != null) {
                statement.setString(1, departement);
            }
            List<SiteLocation> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        });
    }

    /** One more row than the page size is read, to know whether a next page exists. */
    @Transactional(readOnly = true)
    List<SiteLocation> find(Criteria criteria) {
        var sql = new StringBuilder(SELECT);
        List<Object> values = new ArrayList<>();
        if (criteria.city() != null) {
            // FHIR string search: case-insensitive "starts with".
            sql.append(" AND lower(c.name) LIKE lower(?) || '%'");
            values.add(criteria.city());
        }
        if (criteria.inseeCode() != null) {
            sql.append(" AND s.insee_code = ?");
            values.add(criteria.inseeCode());
        }
        if (criteria.kind() != null) {
            sql.append(" AND s.kind = ?");
            values.add(criteria.kind());
        }
        if (criteria.afterId() != null) {
            sql.append(" AND s.id > ?");
            values.add(criteria.afterId());
        }
        sql.append(" ORDER BY s.id LIMIT ?");
        values.add(criteria.count() + 1);
        return jdbc.prepareStatement(sql.toString(), statement -> {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            List<SiteLocation> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        });
    }

    private static SiteLocation row(ResultSet rs) throws SQLException {
        return new SiteLocation(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, Double.class),
                rs.getObject(7, Double.class),
                rs.getString(8));
    }
}
