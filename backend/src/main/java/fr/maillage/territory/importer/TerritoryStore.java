package fr.maillage.territory.importer;

import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes reference rows. Each dataset is loaded into a temporary staging table and merged into its table in
 * one statement inside one transaction: rows are inserted, updated only when a value differs (so a re-import
 * reports them as unchanged and touches nothing), and a failed import leaves the previous data whole.
 */
@Singleton
class TerritoryStore {

    private static final int BATCH = 1_000;

    /** What a merge did; unchanged rows are those neither inserted nor updated. */
    record Counts(int inserted, int updated, int unchanged, int deleted) {}

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private final DataSource dataSource;
    private final JsonMapper json;

    TerritoryStore(DataSource dataSource, DataSourceResolver resolver, JsonMapper json) {
        this.dataSource = resolver.resolve(dataSource);
        this.json = json;
    }

    Counts mergeEpci(List<Rows.Epci> rows) {
        return inTransaction(c -> merge(c, rows,
                "CREATE TEMP TABLE staging (siren text, name text, kind text, population_municipale integer,"
                        + " departements text[]) ON COMMIT DROP",
                "INSERT INTO staging VALUES (?, ?, ?, ?, ?)",
                (s, r) -> {
                    s.setString(1, r.siren());
                    s.setString(2, r.name());
                    s.setString(3, r.kind());
                    setInteger(s, 4, r.populationMunicipale());
                    s.setArray(5, c.createArrayOf("text", r.departements().toArray()));
                },
                """
                INSERT INTO epci AS t (siren, name, kind, population_municipale, departements, updated_at)
                SELECT siren, name, kind, population_municipale, departements, now() FROM staging
                ON CONFLICT (siren) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                    population_municipale = excluded.population_municipale,
                    departements = excluded.departements, updated_at = excluded.updated_at
                WHERE (t.name, t.kind, t.population_municipale, t.departements)
                    IS DISTINCT FROM (excluded.name, excluded.kind, excluded.population_municipale,
                                      excluded.departements)
                RETURNING (xmax = 0)
                """,
                null,
                Set.of()));
    }

    /**
     * Merges communes, and deletes the communes of {@code scope} that the new file no longer has (merged into
     * another). Codes merged into a commune are recorded as former codes unless the former-code file already
     * described them.
     */
    Counts mergeCommunes(List<Rows.Commune> rows, Set<String> scope) {
        return inTransaction(c -> {
            Counts counts = merge(c, rows,
                    "CREATE TEMP TABLE staging (insee_code text, name text, departement text, region text,"
                            + " epci_siren text, population integer, postcodes text[], centroid_lat double precision,"
                            + " centroid_lon double precision, former_codes text[]) ON COMMIT DROP",
                    "INSERT INTO staging VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (s, r) -> {
                        s.setString(1, r.inseeCode());
                        s.setString(2, r.name());
                        s.setString(3, r.departement());
                        s.setString(4, r.region());
                        s.setString(5, r.epciSiren());
                        s.setInt(6, r.population());
                        s.setArray(7, c.createArrayOf("text", r.postcodes().toArray()));
                        setDouble(s, 8, r.centroidLat());
                        setDouble(s, 9, r.centroidLon());
                        s.setArray(10, c.createArrayOf("text", r.formerCodes().toArray()));
                    },
                    """
                    INSERT INTO commune AS t (insee_code, name, departement, region, epci_siren, population,
                        postcodes, centroid_lat, centroid_lon, updated_at)
                    SELECT insee_code, name, departement, region, epci_siren, population, postcodes,
                        centroid_lat, centroid_lon, now() FROM staging
                    ON CONFLICT (insee_code) DO UPDATE SET name = excluded.name,
                        departement = excluded.departement, region = excluded.region,
                        epci_siren = excluded.epci_siren, population = excluded.population,
                        postcodes = excluded.postcodes, centroid_lat = excluded.centroid_lat,
                        centroid_lon = excluded.centroid_lon, updated_at = excluded.updated_at
                    WHERE (t.name, t.departement, t.region, t.epci_siren, t.population, t.postcodes,
                           t.centroid_lat, t.centroid_lon)
                        IS DISTINCT FROM (excluded.name, excluded.departement, excluded.region,
                           excluded.epci_siren, excluded.population, excluded.postcodes,
                           excluded.centroid_lat, excluded.centroid_lon)
                    RETURNING (xmax = 0)
                    """,
                    """
                    DELETE FROM commune t
                    WHERE t.insee_code LIKE ANY (?::text[])
                      AND NOT EXISTS (SELECT 1 FROM staging s WHERE s.insee_code = t.insee_code)
                    """,
                    scope);
            try (Statement statement = c.createStatement()) {
                statement.executeUpdate("""
                        INSERT INTO commune_former_code (former_code, name, kind, insee_code, updated_at)
                        SELECT DISTINCT ON (former) former, former, 'ancienne-commune', insee_code, now()
                        FROM staging, unnest(former_codes) AS former
                        WHERE former <> insee_code
                        ON CONFLICT (former_code) DO NOTHING
                        """);
            }
            return counts;
        });
    }

    Counts mergeFormerCodes(List<Rows.FormerCode> rows) {
        return inTransaction(c -> merge(c, rows,
                "CREATE TEMP TABLE staging (former_code text, name text, kind text, insee_code text) ON COMMIT DROP",
                "INSERT INTO staging VALUES (?, ?, ?, ?)",
                (s, r) -> {
                    s.setString(1, r.formerCode());
                    s.setString(2, r.name());
                    s.setString(3, r.kind());
                    s.setString(4, r.inseeCode());
                },
                """
                INSERT INTO commune_former_code AS t (former_code, name, kind, insee_code, updated_at)
                SELECT former_code, name, kind, insee_code, now() FROM staging
                ON CONFLICT (former_code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                    insee_code = excluded.insee_code, updated_at = excluded.updated_at
                WHERE (t.name, t.kind, t.insee_code) IS DISTINCT FROM (excluded.name, excluded.kind, excluded.insee_code)
                RETURNING (xmax = 0)
                """,
                null,
                Set.of()));
    }

    /**
     * Attaches polygons to communes already imported.
     *
     * @return the counts (a polygon is "inserted" when the commune had none) and the codes of unknown communes
     */
    Map.Entry<Counts, List<String>> mergeGeometries(List<Rows.Geometry> rows) {
        return inTransaction(c -> {
            stage(c, rows, "CREATE TEMP TABLE staging (insee_code text, geometry jsonb) ON COMMIT DROP",
                    "INSERT INTO staging VALUES (?, ?::jsonb)",
                    (s, r) -> {
                        s.setString(1, r.inseeCode());
                        s.setString(2, r.geometry());
                    });
            int firstPolygons;
            int changed;
            List<String> unknown = new ArrayList<>();
            try (Statement statement = c.createStatement()) {
                try (ResultSet rs = statement.executeQuery(
                        "SELECT count(*) FROM commune t JOIN staging s USING (insee_code) WHERE t.geometry IS NULL")) {
                    rs.next();
                    firstPolygons = rs.getInt(1);
                }
                changed = statement.executeUpdate("""
                        UPDATE commune t SET geometry = s.geometry, updated_at = now()
                        FROM staging s
                        WHERE t.insee_code = s.insee_code AND t.geometry IS DISTINCT FROM s.geometry
                        """);
                try (ResultSet rs = statement.executeQuery("SELECT insee_code FROM staging s WHERE NOT EXISTS"
                        + " (SELECT 1 FROM commune t WHERE t.insee_code = s.insee_code) ORDER BY 1")) {
                    while (rs.next()) {
                        unknown.add(rs.getString(1));
                    }
                }
            }
            int unchanged = rows.size() - changed - unknown.size();
            return Map.entry(new Counts(firstPolygons, changed - firstPolygons, unchanged, 0), List.copyOf(unknown));
        });
    }

    Counts mergeApl(List<Rows.Apl> rows) {
        return inTransaction(c -> merge(c, rows,
                "CREATE TEMP TABLE staging (insee_code text, year smallint, apl double precision,"
                        + " apl_under_65 double precision, standardised_population double precision,"
                        + " total_population integer) ON COMMIT DROP",
                "INSERT INTO staging VALUES (?, ?, ?, ?, ?, ?)",
                (s, r) -> {
                    s.setString(1, r.inseeCode());
                    s.setShort(2, (short) r.year());
                    s.setDouble(3, r.apl());
                    setDouble(s, 4, r.aplUnder65());
                    setDouble(s, 5, r.standardisedPopulation());
                    setInteger(s, 6, r.totalPopulation());
                },
                """
                INSERT INTO commune_apl AS t (insee_code, year, apl, apl_under_65, standardised_population,
                    total_population, updated_at)
                SELECT insee_code, year, apl, apl_under_65, standardised_population, total_population, now()
                FROM staging
                ON CONFLICT (insee_code, year) DO UPDATE SET apl = excluded.apl,
                    apl_under_65 = excluded.apl_under_65,
                    standardised_population = excluded.standardised_population,
                    total_population = excluded.total_population, updated_at = excluded.updated_at
                WHERE (t.apl, t.apl_under_65, t.standardised_population, t.total_population)
                    IS DISTINCT FROM (excluded.apl, excluded.apl_under_65, excluded.standardised_population,
                                      excluded.total_population)
                RETURNING (xmax = 0)
                """,
                null,
                Set.of()));
    }

    Counts mergeAgeStructure(List<Rows.AgeStructure> rows) {
        return inTransaction(c -> merge(c, rows,
                "CREATE TEMP TABLE staging (insee_code text, year smallint, population double precision,"
                        + " aged_0_14 double precision, aged_15_29 double precision, aged_30_44 double precision,"
                        + " aged_45_59 double precision, aged_60_74 double precision, aged_75_89 double precision,"
                        + " aged_90_plus double precision, aged_65_79 double precision,"
                        + " aged_80_plus double precision) ON COMMIT DROP",
                "INSERT INTO staging VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (s, r) -> {
                    s.setString(1, r.inseeCode());
                    s.setShort(2, (short) r.year());
                    double[] values = {r.population(), r.aged0To14(), r.aged15To29(), r.aged30To44(), r.aged45To59(),
                        r.aged60To74(), r.aged75To89(), r.aged90Plus(), r.aged65To79(), r.aged80Plus()};
                    for (int i = 0; i < values.length; i++) {
                        s.setDouble(3 + i, values[i]);
                    }
                },
                """
                INSERT INTO commune_age_structure AS t (insee_code, year, population, aged_0_14, aged_15_29,
                    aged_30_44, aged_45_59, aged_60_74, aged_75_89, aged_90_plus, aged_65_79, aged_80_plus,
                    updated_at)
                SELECT insee_code, year, population, aged_0_14, aged_15_29, aged_30_44, aged_45_59, aged_60_74,
                    aged_75_89, aged_90_plus, aged_65_79, aged_80_plus, now() FROM staging
                ON CONFLICT (insee_code, year) DO UPDATE SET population = excluded.population,
                    aged_0_14 = excluded.aged_0_14, aged_15_29 = excluded.aged_15_29,
                    aged_30_44 = excluded.aged_30_44, aged_45_59 = excluded.aged_45_59,
                    aged_60_74 = excluded.aged_60_74, aged_75_89 = excluded.aged_75_89,
                    aged_90_plus = excluded.aged_90_plus, aged_65_79 = excluded.aged_65_79,
                    aged_80_plus = excluded.aged_80_plus, updated_at = excluded.updated_at
                WHERE (t.population, t.aged_0_14, t.aged_15_29, t.aged_30_44, t.aged_45_59, t.aged_60_74,
                       t.aged_75_89, t.aged_90_plus, t.aged_65_79, t.aged_80_plus)
                    IS DISTINCT FROM (excluded.population, excluded.aged_0_14, excluded.aged_15_29,
                       excluded.aged_30_44, excluded.aged_45_59, excluded.aged_60_74, excluded.aged_75_89,
                       excluded.aged_90_plus, excluded.aged_65_79, excluded.aged_80_plus)
                RETURNING (xmax = 0)
                """,
                null,
                Set.of()));
    }

    /** Replaces the care supply of the départements of {@code scope}: a new extraction is the whole truth for them. */
    Counts replaceCareSupply(List<Rows.CareSupply> rows, Set<String> scope) {
        return inTransaction(c -> merge(c, rows,
                "CREATE TEMP TABLE staging (insee_code text, profession text, practitioners integer,"
                        + " liberal_practitioners integer) ON COMMIT DROP",
                "INSERT INTO staging VALUES (?, ?, ?, ?)",
                (s, r) -> {
                    s.setString(1, r.inseeCode());
                    s.setString(2, r.profession().name());
                    s.setInt(3, r.practitioners());
                    s.setInt(4, r.liberalPractitioners());
                },
                """
                INSERT INTO care_supply AS t (insee_code, profession, practitioners, liberal_practitioners,
                    updated_at)
                SELECT insee_code, profession, practitioners, liberal_practitioners, now() FROM staging
                ON CONFLICT (insee_code, profession) DO UPDATE SET practitioners = excluded.practitioners,
                    liberal_practitioners = excluded.liberal_practitioners, updated_at = excluded.updated_at
                WHERE (t.practitioners, t.liberal_practitioners)
                    IS DISTINCT FROM (excluded.practitioners, excluded.liberal_practitioners)
                RETURNING (xmax = 0)
                """,
                """
                DELETE FROM care_supply t
                WHERE t.insee_code LIKE ANY (?::text[])
                  AND NOT EXISTS (SELECT 1 FROM staging s
                                  WHERE s.insee_code = t.insee_code AND s.profession = t.profession)
                """,
                scope));
    }

    /** Postcode → INSEE codes of the communes it serves, for RPPS rows without a commune code. */
    Map<String, List<String>> postcodes() {
        return inTransaction(c -> {
            Map<String, List<String>> postcodes = new HashMap<>();
            try (Statement statement = c.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT postcode, insee_code FROM commune, unnest(postcodes) AS postcode")) {
                while (rs.next()) {
                    postcodes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return postcodes;
        });
    }

    boolean hasCommunes() {
        return inTransaction(c -> {
            try (Statement statement = c.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM commune)")) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    void recordRun(ImportReport report, Instant startedAt) {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO territory_import (dataset, source, started_at, duration_ms, read, inserted, updated,
                        unchanged, deleted, skipped, skip_reasons)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    """)) {
                s.setString(1, report.dataset().name());
                s.setString(2, report.source());
                s.setTimestamp(3, Timestamp.from(startedAt));
                s.setLong(4, report.durationMs());
                s.setInt(5, report.read());
                s.setInt(6, report.inserted());
                s.setInt(7, report.updated());
                s.setInt(8, report.unchanged());
                s.setInt(9, report.deleted());
                s.setInt(10, report.skipped());
                s.setString(11, json.writeValueAsString(report.skipReasons()));
                s.executeUpdate();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private <T> Counts merge(Connection c, List<T> rows, String createStaging, String insertStaging,
            Binder<T> binder, String mergeSql, String deleteSql, Set<String> scope) throws SQLException {
        stage(c, rows, createStaging, insertStaging, binder);
        int inserted;
        int updated;
        try (Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery("WITH merged (inserted) AS (" + mergeSql
                        + ") SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)"
                        + " FROM merged")) {
            rs.next();
            inserted = rs.getInt(1);
            updated = rs.getInt(2);
        }
        int deleted = 0;
        if (deleteSql != null && !scope.isEmpty()) {
            try (PreparedStatement delete = c.prepareStatement(deleteSql)) {
                delete.setArray(1, c.createArrayOf("text", scope.stream().map(code -> code + "%").toArray()));
                deleted = delete.executeUpdate();
            }
        }
        return new Counts(inserted, updated, rows.size() - inserted - updated, deleted);
    }

    private <T> void stage(Connection c, List<T> rows, String createStaging, String insertStaging, Binder<T> binder)
            throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(createStaging);
        }
        try (PreparedStatement insert = c.prepareStatement(insertStaging)) {
            int pending = 0;
            for (T row : rows) {
                binder.bind(insert, row);
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    @FunctionalInterface
    private interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    private <R> R inTransaction(Work<R> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                R result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new TerritoryStoreException(e);
        }
    }

    private static void setInteger(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    /** The database refused or failed an import statement; nothing of that import was kept. */
    static final class TerritoryStoreException extends RuntimeException {
        TerritoryStoreException(SQLException cause) {
            super("reference data could not be stored: " + cause.getMessage(), cause);
        }
    }
}
