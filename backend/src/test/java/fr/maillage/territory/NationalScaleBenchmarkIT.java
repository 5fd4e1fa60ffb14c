package fr.maillage.territory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.encounter.EncounterRepository;
import fr.maillage.partition.MonthlyPartitions;
import fr.maillage.support.BenchmarkReport;
import fr.maillage.support.RealServers;
import fr.maillage.territory.indicator.IndicatorService;
import fr.maillage.territory.indicator.MonthlyCounts;
import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritoryIndicators;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Issue 9's national-scale benchmark (and issue 5's): 35,000 <b>synthetic</b> communes in 96 synthetic départements
 * (codes of the metropolitan départements, generated names, populations, APL and GPs — not real data), 1,250
 * synthetic EPCI, 10,000 sites and one year of sessions (5,000,000 by default) loaded with {@code COPY}, then
 * every indicator of one département and of the whole country, p50 and p95. Targets: p95 under 100 ms (issue 9)
 * and under 2 s (issue 5). The EXPLAIN (ANALYZE, BUFFERS) plans of the queries behind them are written to
 * {@code target/benchmarks/national-plans.txt}, the table to {@code target/benchmarks/national-benchmark.csv}.
 * On demand, bounded to 15 minutes (loading stops after {@code national.bench.load-minutes}, 9, and says how
 * many sessions it loaded):
 * {@code ./mvnw -B -ntp -pl backend -am verify -Dtest=NONE -Dit.test=NationalScaleBenchmarkIT -Dnational.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.failIfNoSpecifiedTests=false} (fewer sessions:
 * {@code -Dnational.bench.sessions=1000000}).
 */
@MicronautTest(transactional = false)
@EnabledIfSystemProperty(named = "national.bench", matches = "true")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class NationalScaleBenchmarkIT extends RealServers {

    private static final int SESSIONS = Integer.getInteger("national.bench.sessions", 5_000_000);
    /** Loading stops after the chunk that crosses this many minutes, so the whole run stays under 15 minutes. */
    private static final int LOAD_MINUTES = Integer.getInteger("national.bench.load-minutes", 9);
    private static final int COMMUNES = 35_000;
    private static final int COMMUNES_PER_DEPARTEMENT = 365;
    private static final int COMMUNES_PER_EPCI = 28;
    private static final int SITES = 10_000;
    private static final int CHUNK = 250_000;
    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    private static final List<String> DEPARTEMENTS = IntStream.rangeClosed(1, 95)
            .mapToObj(n -> n == 20 ? List.of("2A", "2B") : List.of(String.format("%02d", n)))
            .flatMap(List::stream).toList();

    @Inject IndicatorService indicators;
    @Inject MonthlyCounts monthly;
    @Inject EncounterRepository encounters;
    @Inject MonthlyPartitions partitions;
    @Inject DataSource contextualDataSource;
    @Inject DataSourceResolver dataSources;

    private final BenchmarkReport report = new BenchmarkReport("National-scale benchmark: " + COMMUNES
            + " synthetic communes, " + SITES + " sites, up to " + SESSIONS + " sessions over 2025");
    private final List<UUID> sampleIds = new ArrayList<>();
    private int loaded;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("maillage.ingest.enabled", "false");
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("maillage.retention.enabled", "false");
        properties.put("maillage.opendata.scheduled", "false");
        return properties;
    }

    private Connection connection() throws SQLException {
        return dataSources.resolve(contextualDataSource).getConnection();
    }

    @BeforeAll
    void aYearOfTheCountry() throws Exception {
        long start = System.nanoTime();
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE dep AS SELECT code, ordinality - 1 AS n FROM unnest('{"
                    + String.join(",", DEPARTEMENTS) + "}'::text[]) WITH ORDINALITY AS code");
            s.execute("""
                    INSERT INTO epci (siren, name, kind, population_municipale, departements, updated_at)
                    SELECT lpad((200000000 + e)::text, 9, '0'), 'EPCI synthétique ' || e, 'CC', 0,
                           ARRAY[(SELECT code FROM dep WHERE n = e * %d / %d)], now()
                    FROM generate_series(0, %d) AS e
                    """.formatted(COMMUNES_PER_EPCI, COMMUNES_PER_DEPARTEMENT, (COMMUNES - 1) / COMMUNES_PER_EPCI));
            s.execute("""
                    INSERT INTO commune (insee_code, name, departement, region, epci_siren, population, postcodes,
                        centroid_lat, centroid_lon, updated_at)
                    SELECT d.code || lpad((i %% %1$d + 1)::text, 3, '0'), 'Commune synthétique ' || i, d.code, '00',
                           lpad((200000000 + i / %2$d)::text, 9, '0'), 50 + (i * 7919) %% 4000, '{}',
                           42.5 + (i %% 181) * 0.04, -4.5 + (i / 181) * 0.06, now()
                    FROM generate_series(0, %3$d) AS i JOIN dep d ON d.n = i / %1$d
                    """.formatted(COMMUNES_PER_DEPARTEMENT, COMMUNES_PER_EPCI, COMMUNES - 1));
            s.execute("""
                    INSERT INTO commune_apl (insee_code, year, apl, standardised_population, total_population, updated_at)
                    SELECT insee_code, 2023, 1.0 + (hashtext(insee_code) & 255) / 64.0, population, population, now()
                    FROM commune
                    """);
            s.execute("""
                    INSERT INTO care_supply (insee_code, profession, practitioners, liberal_practitioners, updated_at)
                    SELECT insee_code, 'GENERAL_PRACTITIONER', n, n, now()
                    FROM (SELECT insee_code, (hashtext(insee_code) & 3) AS n FROM commune) c WHERE n > 0
                    """);
            s.execute("""
                    INSERT INTO site (id, name, kind, insee_code, connection, conn_seq, last_status_seq, created_at)
                    SELECT 'site-' || n, 'site ' || n, (ARRAY['CABIN','HEALTH_CENTRE','PHARMACY','PUBLIC_SERVICE_POINT'])[1 + n %% 4],
                           c.insee_code, 'ONLINE', 1, 0, now()
                    FROM generate_series(0, %d) AS n
                    JOIN (SELECT insee_code, row_number() OVER (ORDER BY insee_code) - 1 AS k FROM commune) c
                      ON c.k = n * %d / %d
                    """.formatted(SITES - 1, COMMUNES, SITES));
        }
        // the months of the year loaded, as the migration makes them for the rows a database already holds
        partitions.ensure(MonthlyPartitions.ENCOUNTER, YearMonth.of(2025, 1), YearMonth.of(2025, 12));
        report.note(String.format("territory and sites generated in %.1f s", (System.nanoTime() - start) / 1e9));
        loadSessions();
        long analyse = System.nanoTime();
        try (Connection c = connection(); Statement s = c.createStatement()) {
            // index-only scans need the visibility map: what autovacuum would have set on a table a year old
            s.execute("VACUUM (ANALYZE) encounter_daily_count");
            s.execute("VACUUM (ANALYZE) encounter");
            s.execute("ANALYZE commune, site, commune_apl, care_supply, epci");
        }
        report.note(String.format("VACUUM ANALYZE in %.1f s", (System.nanoTime() - analyse) / 1e9));
        long build = System.nanoTime();
        int months = monthly.rebuild(false).size();
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE) encounter_monthly_count, encounter_monthly_stale");
        }
        report.note(String.format("monthly counts of %d closed months built in %.1f s", months,
                (System.nanoTime() - build) / 1e9));
    }

    /** Sessions by COPY, in chunks (each COPY's statement trigger adds its daily counts). */
    private void loadSessions() throws Exception {
        List<String> communes = new ArrayList<>();
        List<String> siteCommunes = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT insee_code FROM commune ORDER BY insee_code")) {
                while (rs.next()) {
                    communes.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT insee_code FROM site ORDER BY substr(id, 6)::int")) {
                while (rs.next()) {
                    siteCommunes.add(rs.getString(1));
                }
            }
        }
        Map<String, Integer> communeIndex = new HashMap<>();
        for (int i = 0; i < communes.size(); i++) {
            communeIndex.put(communes.get(i), i);
        }
        PatientProfile.AgeBand[] ages = PatientProfile.AgeBand.values();
        PatientProfile.Sex[] sexes = PatientProfile.Sex.values();
        SessionDetails.RecourseReason[] reasons = SessionDetails.RecourseReason.values();
        SessionDetails.Outcome[] outcomes = SessionDetails.Outcome.values();
        SplittableRandom random = new SplittableRandom(2025);
        long start = System.nanoTime();
        try (Connection encounterConnection = connection(); Connection keyConnection = connection()) {
            var encounterCopy = encounterConnection.unwrap(PGConnection.class).getCopyAPI();
            var keyCopy = keyConnection.unwrap(PGConnection.class).getCopyAPI();
            long deadline = start + TimeUnit.MINUTES.toNanos(LOAD_MINUTES);
            for (int done = 0; done < SESSIONS && System.nanoTime() < deadline; done += CHUNK) {
                CopyIn rows = encounterCopy.copyIn("""
                        COPY encounter (id, site_id, status, period_start, period_end, residence_insee_code, age_band,
                            sex, has_regular_doctor, recourse_reason, outcome, satisfaction, assisting_role,
                            physician_specialty, version_id, resource, updated_at) FROM STDIN (FORMAT csv)""");
                CopyIn keys = keyCopy.copyIn("COPY encounter_key (id) FROM STDIN (FORMAT csv)");
                StringBuilder rowText = new StringBuilder(1 << 20);
                StringBuilder keyText = new StringBuilder(1 << 16);
                for (int i = done; i < Math.min(SESSIONS, done + CHUNK); i++) {
                    UUID id = new UUID(random.nextLong(), random.nextLong());
                    int site = random.nextInt(SITES);
                    String siteCommune = siteCommunes.get(site);
                    int home = communeIndex.get(siteCommune);
                    // most patients live in the site's commune, the others elsewhere in its département
                    String residence = random.nextInt(10) < 7 ? siteCommune
                            : communes.get(Math.min(communes.size() - 1, home / COMMUNES_PER_DEPARTEMENT
                                    * COMMUNES_PER_DEPARTEMENT + random.nextInt(COMMUNES_PER_DEPARTEMENT)));
                    Instant begin = FIRST_DAY.plusDays(random.nextInt(365)).atTime(8, 0).atZone(FRANCE).toInstant()
                            .plusSeconds(random.nextInt(10 * 3600));
                    int kind = random.nextInt(100);
                    String status = kind < 95 ? "finished" : kind < 99 ? "cancelled" : "in-progress";
                    String doctor = switch (random.nextInt(5)) {
                        case 0 -> "f";
                        case 1 -> "";
                        default -> "t";
                    };
                    String satisfaction = random.nextInt(5) == 0 ? "" : Integer.toString(5 + random.nextInt(6));
                    String end = status.equals("finished") ? begin.plusSeconds(900).toString() : "";
                    rowText.append(id).append(",site-").append(site).append(',').append(status).append(',')
                            .append(begin).append(',').append(end).append(',').append(residence).append(',')
                            .append(ages[random.nextInt(ages.length)]).append(',')
                            .append(sexes[random.nextInt(sexes.length)]).append(',').append(doctor).append(',')
                            .append(reasons[random.nextInt(reasons.length)]).append(',')
                            .append(outcomes[random.nextInt(outcomes.length)]).append(',').append(satisfaction)
                            .append(",PHARMACIST,GENERAL_PRACTICE,1,")
                            .append(resource(id, status, begin, end)).append(',').append(begin).append('\n');
                    keyText.append(id).append('\n');
                    if (sampleIds.size() < 500 && random.nextInt(1000) == 0) {
                        sampleIds.add(id);
                    }
                    if (rowText.length() > (1 << 20) - 2048) {
                        write(rows, rowText);
                    }
                }
                write(rows, rowText);
                write(keys, keyText);
                rows.endCopy();
                keys.endCopy();
                loaded = Math.min(SESSIONS, done + CHUNK);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.note(String.format("%d of %d sessions loaded by COPY (partitioned encounter, its indexes, daily-count"
                + " trigger, encounter_key) in %.0f s: %.0f rows/s", loaded, SESSIONS, seconds, loaded / seconds));
    }

    /** A minimal Encounter of the profile's shape: what the FHIR API would serve, without the extensions. */
    private static String resource(UUID id, String status, Instant begin, String end) {
        String json = "{\"resourceType\":\"Encounter\",\"id\":\"" + id + "\",\"meta\":{\"versionId\":\"1\"},"
                + "\"status\":\"" + status + "\",\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\","
                + "\"code\":\"VR\"},\"period\":{\"start\":\"" + begin + "\"" + (end.isEmpty() ? "" : ",\"end\":\"" + end + "\"")
                + "}}";
        return "\"" + json.replace("\"", "\"\"") + "\"";
    }

    private static void write(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    @Test
    void indicatorsOfADepartementAndOfTheCountry() throws Exception {
        Period year = new Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
        TerritorySelection departement = TerritorySelection.parse("departements", "55");
        TerritorySelection country = TerritorySelection.parse("departements", String.join(",", DEPARTEMENTS));
        TerritorySelection epci = TerritorySelection.parse("epci", "200000500");
        String load = BenchmarkReport.loadAverage();

        TerritoryIndicators national = indicators.indicators(country, year);
        report.add("all indicators, one département (55), one year", time(30, () -> indicators.indicators(departement, year)),
                "p95 < 100 ms (issue 9), < 2 s (issue 5)");
        report.add("all indicators, one EPCI, one year", time(30, () -> indicators.indicators(epci, year)), "");
        report.add("all indicators, the country (96 départements), one year",
                time(10, () -> indicators.indicators(country, year)), "p95 < 100 ms (issue 9), < 2 s (issue 5)");
        report.add("all indicators, the country, one month (2025-06)", time(10, () -> indicators.indicators(country,
                new Period(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30)))), "");
        try (Connection c = connection(); Statement s = c.createStatement()) {
            // as the current month always is, and a closed month with a late session until the next rebuild
            s.execute("INSERT INTO encounter_monthly_stale (month) VALUES ('2025-06-01')");
        }
        report.add("all indicators, the country, one year, June stale (read from its daily counts)",
                time(10, () -> indicators.indicators(country, year)), "");
        report.add("Encounter read by id (FHIR read's lookup)", time(200, () -> encounters.findById(
                sampleIds.get((int) (System.nanoTime() % sampleIds.size())))), "");
        // the former path, for comparison: the same activity query over encounter rows (V61's covering index)
        report.add("before: activity of the country scanned from encounter", time(3, () -> scanEncounters(
                "SELECT insee_code FROM commune")), "");
        report.add("before: activity of one département scanned from encounter", time(5, () -> scanEncounters(
                "SELECT insee_code FROM commune WHERE departement = '55'")), "");
        report.note("load average before measuring: " + load + "; after: " + BenchmarkReport.loadAverage());
        writePlans();
        report.publish("national-benchmark");

        long finished = countFinished();
        assertThat(national.byResidence().teleconsultations().value()).isEqualTo((double) finished);
        assertThat(national.bySite().teleconsultations().value()).isEqualTo((double) finished);
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double[] time(int runs, Work work) throws Exception {
        work.run();
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    private static final String SCAN = """
            WITH territory AS (%s)
            SELECT coalesce(upper(e.has_regular_doctor::text), 'UNKNOWN'), coalesce(e.recourse_reason, 'UNKNOWN'),
                   coalesce(e.age_band, 'UNKNOWN'), coalesce(e.outcome, 'UNKNOWN'), count(*), count(e.satisfaction),
                   coalesce(sum(e.satisfaction), 0)
            FROM encounter e LEFT JOIN commune_former_code f ON f.former_code = e.residence_insee_code
            WHERE coalesce(f.insee_code, e.residence_insee_code) IN (SELECT insee_code FROM territory)
              AND e.status = 'finished' AND e.period_start >= '2024-12-31T23:00:00Z'
              AND e.period_start < '2025-12-31T23:00:00Z'
            GROUP BY 1, 2, 3, 4""";

    private static final String DAILY = """
            WITH territory AS (%s)
            SELECT coalesce(upper(e.has_regular_doctor::text), 'UNKNOWN'), coalesce(e.recourse_reason, 'UNKNOWN'),
                   coalesce(e.age_band, 'UNKNOWN'), coalesce(e.outcome, 'UNKNOWN'), sum(e.sessions),
                   sum(e.satisfaction_answers), sum(e.satisfaction_sum)
            FROM encounter_daily_count e %s
              AND e.status = 'finished' AND e.day >= '2025-01-01' AND e.day <= '2025-12-31'
            GROUP BY 1, 2, 3, 4 HAVING sum(e.sessions) > 0""";

    private void scanEncounters(String territory) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(SCAN.formatted(territory))) {
            while (rs.next()) {
                rs.getLong(5);
            }
        }
    }

    private long countFinished() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sum(sessions) FROM encounter_daily_count WHERE status = 'finished'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The plans the indexes were chosen from, as PostgreSQL ran them on this data. */
    private void writePlans() throws SQLException, IOException {
        // as IndicatorQueries.activity writes them
        String residence = """
                WHERE e.residence_insee_code IN (
                    SELECT t.insee_code FROM territory t
                    WHERE NOT EXISTS (SELECT 1 FROM commune_former_code f WHERE f.former_code = t.insee_code)
                    UNION ALL
                    SELECT f.former_code FROM commune_former_code f
                    WHERE f.insee_code IN (SELECT insee_code FROM territory))""";
        String site = """
                JOIN site s ON s.id = e.site_id LEFT JOIN commune_former_code f ON f.former_code = s.insee_code
                WHERE coalesce(f.insee_code, s.insee_code) IN (SELECT insee_code FROM territory)""";
        String dep = "SELECT insee_code, population FROM commune WHERE departement = ANY ('{55}'::text[])";
        String all = "SELECT insee_code, population FROM commune WHERE departement = ANY ('{"
                + String.join(",", DEPARTEMENTS) + "}'::text[])";
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("daily counts, one département, by residence", DAILY.formatted(dep, residence));
        queries.put("daily counts, one département, by site", DAILY.formatted(dep, site));
        queries.put("daily counts, the country, by residence", DAILY.formatted(all, residence));
        queries.put("daily counts, the country, by site", DAILY.formatted(all, site));
        queries.put("correlation: sessions per commune of residence, one year", """
                SELECT coalesce(f.insee_code, e.residence_insee_code), sum(e.sessions) FROM encounter_daily_count e
                LEFT JOIN commune_former_code f ON f.former_code = e.residence_insee_code
                WHERE e.status = 'finished' AND e.day >= '2025-01-01' AND e.day <= '2025-12-31'
                  AND e.residence_insee_code IS NOT NULL
                GROUP BY 1 HAVING sum(e.sessions) > 0""");
        queries.put("before: encounter scan, one département", SCAN.formatted(
                "SELECT insee_code FROM commune WHERE departement = '55'"));
        queries.put("Encounter by id (FHIR read)", "SELECT * FROM encounter WHERE id = '" + sampleIds.get(0) + "'");
        queries.put("FHIR search: a site's Encounters in a month, first page", """
                SELECT id FROM encounter WHERE site_id = 'site-42' AND period_start >= '2025-03-01T00:00:00Z'
                  AND period_start < '2025-04-01T00:00:00Z' ORDER BY period_start, id LIMIT 50""");
        queries.put("portal: a site's weekly sessions over a year", """
                SELECT date_trunc('week', period_start AT TIME ZONE 'Europe/Paris')::date,
                       count(*) FILTER (WHERE status = 'finished'), count(*) FILTER (WHERE status = 'cancelled')
                FROM encounter WHERE site_id = 'site-42' AND period_start >= '2025-01-01T00:00:00Z'
                GROUP BY 1 ORDER BY 1""");
        StringBuilder out = new StringBuilder();
        try (Connection c = connection(); Statement s = c.createStatement()) {
            for (var query : queries.entrySet()) {
                out.append("== ").append(query.getKey()).append('\n');
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + query.getValue())) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
                out.append('\n');
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT 'encounter ' || pg_size_pretty((SELECT sum(pg_total_relation_size(inhrelid))
                        FROM pg_inherits WHERE inhparent = 'encounter'::regclass))
                        || ', encounter_daily_count ' || pg_size_pretty(pg_total_relation_size('encounter_daily_count'))
                        || ' (' || (SELECT count(*) FROM encounter_daily_count) || ' rows)'""")) {
                rs.next();
                report.note("sizes: " + rs.getString(1));
                out.append("sizes: ").append(rs.getString(1)).append('\n');
            }
        }
        Path file = Path.of("target", "benchmarks", "national-plans.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        System.out.println(out.toString().lines().filter(l -> l.startsWith("==") || l.contains("Execution Time")
                || l.startsWith("sizes")).collect(Collectors.joining("\n")));
    }
}
