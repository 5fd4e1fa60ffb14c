package fr.maillage.territory.indicator;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/** Lists the territories of a level, and the per-commune figures of the map. */
@Singleton
class TerritoryDirectory {

    /**
     * A territory in a listing.
     *
     * @param code INSEE code, SIREN or département code
     * @param name its name (the code for a département)
     * @param departements the départements it lies in
     * @param epciSiren the EPCI of a commune
     * @param communes imported communes it has
     * @param population population municipale of those communes
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Entry(String code, String name, List<String> departements, @Nullable String epciSiren, int communes,
            long population) {}

    /** A commune of the map, before suppression. */
    record MapCommune(String code, String name, String departement, @Nullable String epciSiren, long population,
            @Nullable Double apl, long teleconsultations, long sites, @Nullable String geometry) {}

    private final DataSource dataSource;

    TerritoryDirectory(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    List<Entry> list(TerritoryLevel level, List<String> departements) throws SQLException {
        String sql = switch (level) {
            case COMMUNES -> """
                    SELECT insee_code, name, ARRAY[departement], epci_siren, 1, population FROM commune
                    WHERE cardinality(?::text[]) = 0 OR departement = ANY (?::text[]) ORDER BY insee_code
                    """;
            case EPCI -> """
                    SELECT e.siren, e.name, e.departements, NULL, count(c.insee_code), coalesce(sum(c.population), 0)
                    FROM epci e LEFT JOIN commune c ON c.epci_siren = e.siren
                    WHERE cardinality(?::text[]) = 0 OR e.departements && ?::text[]
                    GROUP BY e.siren ORDER BY e.siren
                    """;
            case DEPARTEMENTS -> """
                    SELECT departement, departement, ARRAY[departement], NULL, count(*), sum(population) FROM commune
                    WHERE cardinality(?::text[]) = 0 OR departement = ANY (?::text[])
                    GROUP BY departement ORDER BY departement
                    """;
        };
        List<Entry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", departements.toArray()));
            s.setArray(2, c.createArrayOf("text", departements.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getString(1), rs.getString(2),
                            Arrays.asList((String[]) rs.getArray(3).getArray()), rs.getString(4), rs.getInt(5),
                            rs.getLong(6)));
                }
            }
        }
        return entries;
    }

    /** @param withGeometry whether to read the polygons (2 MB for three départements) or leave them null */
    List<MapCommune> map(List<String> departements, Period period, boolean withGeometry) throws SQLException {
        String sql = """
                WITH c AS (SELECT * FROM commune WHERE cardinality(?::text[]) = 0 OR departement = ANY (?::text[])),
                y AS (SELECT coalesce((SELECT max(year) FROM commune_apl WHERE year <= ?),
                                      (SELECT max(year) FROM commune_apl)) AS year),
                act AS (SELECT coalesce(f.insee_code, e.residence_insee_code) AS code, sum(e.sessions) AS n
                        FROM encounter_daily_count e
                        LEFT JOIN commune_former_code f ON f.former_code = e.residence_insee_code
                        WHERE e.status = 'finished' AND e.day >= ? AND e.day <= ?
                        GROUP BY 1),
                st AS (SELECT coalesce(f.insee_code, s.insee_code) AS code, count(*) AS n
                       FROM site s LEFT JOIN commune_former_code f ON f.former_code = s.insee_code GROUP BY 1)
                SELECT c.insee_code, c.name, c.departement, c.epci_siren, c.population, a.apl,
                       coalesce(act.n, 0), coalesce(st.n, 0), CASE WHEN ? THEN c.geometry::text END
                FROM c
                LEFT JOIN commune_apl a ON a.insee_code = c.insee_code AND a.year = (SELECT year FROM y)
                LEFT JOIN act ON act.code = c.insee_code
                LEFT JOIN st ON st.code = c.insee_code
                ORDER BY c.insee_code
                """;
        List<MapCommune> communes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", departements.toArray()));
            s.setArray(2, c.createArrayOf("text", departements.toArray()));
            s.setInt(3, period.to().getYear());
            s.setObject(4, period.from());
            s.setObject(5, period.to());
            s.setBoolean(6, withGeometry);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double apl = rs.getDouble(6);
                    Double aplOrNull = rs.wasNull() ? null : apl;
                    communes.add(new MapCommune(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), aplOrNull, rs.getLong(7), rs.getLong(8), rs.getString(9)));
                }
            }
        }
        return communes;
    }
}
