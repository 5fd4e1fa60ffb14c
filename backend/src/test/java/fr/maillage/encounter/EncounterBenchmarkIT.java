package fr.maillage.encounter;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.Optional;
import fr.maillage.security.Scope;
import java.util.stream.IntStream;
import io.micronaut.jdbc.DataSourceResolver;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurements, not checks: run on demand with {@code -Dencounter.bench=true} (see the encounter README).
 * Prints (a) how many Encounters per second are mapped, with and without validation against the profile, and
 * (b) the latency of the FHIR search for a month of one département's sites over a million stored Encounters.
 */
@MicronautTest(transactional = false)
@EnabledIfSystemProperty(named = "encounter.bench", matches = "true")
class EncounterBenchmarkIT extends RealServers {

    private static final int SITES_PER_DEPARTEMENT = 100;
    private static final List<String> DEPARTEMENTS = List.of("52", "54", "55");
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    private static final int MONTHS = 24;

    @Inject EncounterMapper mapper;
    @Inject EncounterConformance conformance;
    @Inject FhirContext fhir;
    @Inject DataSource contextualDataSource;
    @Inject DataSourceResolver dataSources;
    @Inject EmbeddedServer server;
    @Inject EncounterFinder finder;

    /** A plain connection of the pool, outside any transaction of the application. */
    private Connection connection() throws java.sql.SQLException {
        return dataSources.resolve(contextualDataSource).getConnection();
    }

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("maillage.territory.import-on-startup", "false");
        return properties;
    }

    private static SessionEvent session(int n) {
        Instant start = Instant.parse("2026-03-12T09:05:00Z").plusSeconds(n * 60L);
        return new SessionEvent(1, UUID.randomUUID(), "55545-bench", start.plusSeconds(1200), 1, n, UUID.randomUUID(),
                SessionEvent.Type.COMPLETED, new SessionDetails(start, start.plusSeconds(1100),
                        SessionDetails.ProfessionalRole.values()[n % 3],
                        SessionDetails.PhysicianSpecialty.values()[n % 7],
                        SessionDetails.RecourseReason.values()[n % 8],
                        new PatientProfile(PatientProfile.AgeBand.values()[n % 7], PatientProfile.Sex.values()[n % 4],
                                "55545", n % 2 == 0),
                        List.of(DeviceKind.OTOSCOPE, DeviceKind.STETHOSCOPE), SessionDetails.Outcome.values()[n % 5],
                        n % 11));
    }

    private Encounter mapped(int n) {
        SessionEvent event = session(n);
        Encounter encounter = mapper.create(event);
        mapper.apply(encounter, event, Instant.now());
        encounter.getMeta().setVersionId("1");
        return encounter;
    }

    @Test
    void validationCost() {
        int n = Integer.getInteger("bench.validations", 2_000);
        for (int round = 0; round < 2; round++) {
            boolean measured = round == 1;
            long start = System.nanoTime();
            long bytes = 0;
            for (int i = 0; i < (measured ? 20 * n : 2_000); i++) {
                bytes += fhir.newJsonParser().encodeResourceToString(mapped(i)).length();
            }
            double mappedOnly = (measured ? 20 * n : 2_000) / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            int errors = 0;
            for (int i = 0; i < (measured ? n : 300); i++) {
                Encounter encounter = mapped(i);
                errors += conformance.errors(encounter).size();
                bytes += fhir.newJsonParser().encodeResourceToString(encounter).length();
            }
            double validated = (measured ? n : 300) / ((System.nanoTime() - start) / 1e9);
            if (measured) {
                System.out.printf("%nBENCH validation: mapped+encoded %.0f Encounters/s; mapped+validated+encoded"
                        + " %.0f Encounters/s (%.2f ms per validation, %d errors, %d chars)%n",
                        mappedOnly, validated, 1000 / validated, errors, bytes);
            }
        }
    }

    @Test
    void searchLatencyOverAMillionEncounters() throws Exception {
        int total = Integer.getInteger("bench.encounters", 1_000_000);
        String template = fhir.newJsonParser().encodeResourceToString(mapped(1));
        Map<String, List<String>> sitesByDepartement = load(total, template);
        int queries = Integer.getInteger("bench.queries", 200);
        measure("with the GiST index encounter_period_range", sitesByDepartement, total, queries);
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("DROP INDEX encounter_period_range");
        }
        measure("WITHOUT encounter_period_range (B-trees of V3/V4 only)", sitesByDepartement, total, queries / 4);
    }

    private void measure(String label, Map<String, List<String>> sitesByDepartement, int total, int queries)
            throws Exception {
        var http = new Http(server.getURI());
        var random = new Random(42);
        long[] micros = new long[queries];
        int entries = 0;
        String explained = null;
        for (int i = -20; i < queries; i++) {
            String departement = DEPARTEMENTS.get(random.nextInt(DEPARTEMENTS.size()));
            LocalDate month = FIRST_DAY.plusMonths(random.nextInt(MONTHS));
            String path = "/fhir/Encounter?location="
                    + URLEncoder.encode(String.join(",", sitesByDepartement.get(departement)), StandardCharsets.UTF_8)
                    + "&date=ge" + month + "&date=le" + month.plusMonths(1).minusDays(1);
            long start = System.nanoTime();
            var response = http.get(path);
            long elapsed = (System.nanoTime() - start) / 1_000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            if (i >= 0) {
                micros[i] = elapsed;
                entries += response.body().split("\"fullUrl\"", -1).length - 1;
            }
            if (explained == null) {
                explained = explain(sitesByDepartement.get(departement), month);
            }
        }
        Arrays.sort(micros);
        System.out.printf("%nBENCH search, %s: %d Encounters stored; %d searches of one month of one département"
                        + " (%d sites, first page of %d) over HTTP: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n%s%n",
                label, total, queries, SITES_PER_DEPARTEMENT, entries / queries, micros[queries / 2] / 1000.0,
                micros[(int) (queries * 0.95)] / 1000.0, micros[queries - 1] / 1000.0, explained);
    }

    /** Sites of three départements, and {@code total} finished Encounters spread over them and 24 months. */
    private Map<String, List<String>> load(int total, String template) throws Exception {
        Map<String, List<String>> sites = new HashMap<>();
        long start = System.nanoTime();
        try (Connection c = connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String departement : DEPARTEMENTS) {
                sites.put(departement, IntStream.range(0, SITES_PER_DEPARTEMENT)
                        .mapToObj(i -> departement + "001-bench-" + i)
                        .toList());
                s.executeUpdate("INSERT INTO site (id, name, kind, insee_code, connection, conn_seq, last_status_seq,"
                        + " created_at) SELECT '" + departement + "001-bench-' || i, 'bench', 'CABIN', '"
                        + departement + "001', 'ONLINE', 1, 0, now() FROM generate_series(0, "
                        + (SITES_PER_DEPARTEMENT - 1) + ") AS i");
            }
            List<String> all = sites.values().stream().flatMap(List::stream).sorted().toList();
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO encounter (id, site_id, status, period_start, period_end, residence_insee_code,
                        age_band, sex, has_regular_doctor, recourse_reason, outcome, satisfaction, assisting_role,
                        physician_specialty, version_id, resource, updated_at)
                    SELECT id, site, 'finished', t, t + interval '19 minutes', '55545', 'AGE_45_59', 'FEMALE',
                        true, 'NO_REGULAR_DOCTOR', 'ADVICE_ONLY', 8, 'NURSE', 'GENERAL_PRACTICE', 1,
                        replace(replace(replace(replace(?, ?, id::text), ?, site), ?,
                            to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')), ?,
                            to_char((t + interval '19 minutes') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::jsonb,
                        now()
                    FROM (SELECT gen_random_uuid() AS id, (?::text[])[1 + i % ?] AS site,
                                 ?::timestamptz + (i::double precision / ?) * (?::timestamptz - ?::timestamptz) AS t
                          FROM generate_series(0, ? - 1) AS i) AS g
                    """)) {
                Encounter example = mapped(1);
                String id = example.getIdPart();
                String site = example.getLocationFirstRep().getLocation().getReference().substring("Location/".length());
                String periodStart = example.getPeriod().getStartElement().getValueAsString();
                String periodEnd = example.getPeriod().getEndElement().getValueAsString();
                Instant from = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant to = FIRST_DAY.plusMonths(MONTHS).atStartOfDay(ZoneOffset.UTC).toInstant();
                int p = 1;
                insert.setString(p++, template);
                insert.setString(p++, id);
                insert.setString(p++, site);
                insert.setString(p++, periodStart);
                insert.setString(p++, periodEnd);
                insert.setArray(p++, c.createArrayOf("text", all.toArray()));
                insert.setInt(p++, all.size());
                insert.setObject(p++, java.sql.Timestamp.from(from));
                insert.setInt(p++, total);
                insert.setObject(p++, java.sql.Timestamp.from(to));
                insert.setObject(p++, java.sql.Timestamp.from(from));
                insert.setInt(p++, total);
                insert.executeUpdate();
            }
            s.execute("ANALYZE encounter");
            try (ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('encounter'))")) {
                rs.next();
                System.out.printf("%nBENCH load: %d Encounters in %.0f s, table and indexes %s%n", total,
                        (System.nanoTime() - start) / 1e9, rs.getString(1));
            }
        }
        return sites;
    }

    /** The plan of the search's first page, as EncounterFinder runs it. */
    private String explain(List<String> sites, LocalDate month) throws Exception {
        var search = FhirSearchParser.encounterSearch(Map.of(
                        "location", List.of(String.join(",", sites)),
                        "date", List.of("ge" + month, "le" + month.plusMonths(1).minusDays(1))),
                false, new Scope(true, Optional.empty(), Optional.empty()));
        EncounterFinder.Query query = finder.query(search);
        try (Connection c = connection();
                PreparedStatement explain = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + query.sql())) {
            EncounterFinder.bind(explain, query.values());
            var plan = new StringBuilder();
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append("    ").append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
