package fr.maillage.territory.coverage;

import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Loads communes with their centroid and APL, site positions and session counts for coverage. */
@Singleton
public class CoverageQueries {

    private final DataSource dataSource;

    CoverageQueries(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    /**
     * The communes of the selection that have a centroid, with the APL of the latest millésime and the share of
     * inhabitants aged 65 and over of their latest INSEE age structure (null where none was imported).
     */
    List<Place> places(TerritorySelection selection) throws SQLException {
        String sql = "SELECT c.insee_code, c.name, c.epci_siren, c.population, a.apl, a.standardised_population,"
                + " c.centroid_lat, c.centroid_lon, age.share"
                + " FROM commune c LEFT JOIN commune_apl a ON a.insee_code = c.insee_code"
                + " AND a.year = (SELECT max(year) FROM commune_apl)"
                + " LEFT JOIN LATERAL (SELECT (s.aged_65_79 + s.aged_80_plus) / nullif(s.population, 0) AS share"
                + " FROM commune_age_structure s WHERE s.insee_code = c.insee_code ORDER BY s.year DESC LIMIT 1) age"
                + " ON true"
                + " WHERE c.centroid_lat IS NOT NULL AND c." + selection.level().communeColumn() + " = ANY (?::text[])"
                + " ORDER BY c.insee_code";
        List<Place> places = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", selection.codes().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    places.add(new Place(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            nullable(rs, 5), nullable(rs, 6), rs.getDouble(7), rs.getDouble(8), nullable(rs, 9)));
                }
            }
        }
        return places;
    }

    /** The latest census year of the imported age structures, null when none was imported. */
    Integer ageStructureYear() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT max(year) FROM commune_age_structure");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            int year = rs.getInt(1);
            return rs.wasNull() ? null : year;
        }
    }

    private static Double nullable(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** Every site with a position: its own coordinates, else its commune's centroid. Sites outside count too. */
    public List<SitePosition> sites() throws SQLException {
        String sql = """
                SELECT s.id, coalesce(s.kind, 'UNKNOWN'), coalesce(s.latitude, c.centroid_lat),
                       coalesce(s.longitude, c.centroid_lon)
                FROM site s
                LEFT JOIN commune_former_code f ON f.former_code = s.insee_code
                LEFT JOIN commune c ON c.insee_code = coalesce(f.insee_code, s.insee_code)
                WHERE coalesce(s.latitude, c.centroid_lat) IS NOT NULL
                ORDER BY s.id
                """;
        List<SitePosition> sites = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                sites.add(new SitePosition(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)));
            }
        }
        return sites;
    }

    /** Finished sessions per commune of residence (former codes resolved) in the period. */
    Map<String, Long> sessionsByResidence(Period period) throws SQLException {
        String sql = """
                SELECT coalesce(f.insee_code, e.residence_insee_code), sum(e.sessions) FROM encounter_daily_count e
                LEFT JOIN commune_former_code f ON f.former_code = e.residence_insee_code
                WHERE e.status = 'finished' AND e.day >= ? AND e.day <= ?
                  AND e.residence_insee_code IS NOT NULL
                GROUP BY 1 HAVING sum(e.sessions) > 0
                """;
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, period.from());
            s.setObject(2, period.to());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** A site's finished sessions in the period per commune of residence, with that commune's centroid. */
    record Origin(String code, Double lat, Double lon, long sessions) {}

    List<Origin> origins(String siteId, Period period) throws SQLException {
        String sql = """
                SELECT coalesce(f.insee_code, e.residence_insee_code, 'UNKNOWN'), c.centroid_lat, c.centroid_lon,
                       sum(e.sessions)
                FROM encounter_daily_count e
                LEFT JOIN commune_former_code f ON f.former_code = e.residence_insee_code
                LEFT JOIN commune c ON c.insee_code = coalesce(f.insee_code, e.residence_insee_code)
                WHERE e.site_id = ? AND e.status = 'finished' AND e.day >= ? AND e.day <= ?
                GROUP BY 1, 2, 3 HAVING sum(e.sessions) > 0
                """;
        List<Origin> origins = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, siteId);
            s.setObject(2, period.from());
            s.setObject(3, period.to());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double lat = rs.getDouble(2);
                    Double latOrNull = rs.wasNull() ? null : lat;
                    double lon = rs.getDouble(3);
                    Double lonOrNull = rs.wasNull() ? null : lon;
                    origins.add(new Origin(rs.getString(1), latOrNull, lonOrNull, rs.getLong(4)));
                }
            }
        }
        return origins;
    }
}
