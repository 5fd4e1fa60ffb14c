package fr.maillage.portal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measurements, not checks of behaviour: the server time of the territory page's and the map's requests with a
 * year of simulated activity (100,000 sessions over the three départements, 90 sites) bulk-loaded into the real
 * schema. Run on demand: {@code -Dit.test=PortalBenchmarkIT -Dportal.bench=true}. Prints, per request, the median,
 * 90th percentile and maximum of {@value #RUNS} timed calls after {@value #WARM_UP} warm-up calls (and the very
 * first call, before any cache); times are
 * measured by the client on the same machine, so they bound the server time from above.
 */
@MicronautTest(transactional = false)
@EnabledIfSystemProperty(named = "portal.bench", matches = "true")
class PortalBenchmarkIT extends RealServers {

    private static final Logger log = LoggerFactory.getLogger(PortalBenchmarkIT.class);
    private static final int SESSIONS = Integer.getInteger("portal.bench.sessions", 100_000);
    private static final int SITES = 90;
    private static final int WARM_UP = 3;
    private static final int RUNS = 15;

    @Inject EmbeddedServer server;
    @Inject DataSource contextualDataSource;
    @Inject DataSourceResolver dataSources;

    private String year;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new LinkedHashMap<>(super.getProperties());
        properties.put("maillage.ingest.enabled", "false");
        return properties;
    }

    /** Sites in the most populated communes, and sessions spread over the year, the sites and the communes. */
    @BeforeAll
    void oneYearOfActivity() throws Exception {
        LocalDate to = LocalDate.now();
        LocalDate from = to.minusYears(1).plusDays(1);
        year = "from=" + from + "&to=" + to;
        try (Connection c = dataSources.resolve(contextualDataSource).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO site (id, name, kind, insee_code, latitude, longitude, connection, conn_seq,
                        last_status_seq, created_at, state)
                    SELECT 'bench-' || n, 'Site ' || name, (ARRAY['CABIN','HEALTH_CENTRE','PHARMACY',
                           'PUBLIC_SERVICE_POINT'])[1 + n %% 4], insee_code, centroid_lat, centroid_lon, 'ONLINE', 1, 0,
                           now(), (ARRAY['ONLINE','ONLINE','DEGRADED','OFFLINE'])[1 + n %% 4]
                    FROM (SELECT insee_code, name, centroid_lat, centroid_lon,
                                 row_number() OVER (ORDER BY population DESC) AS n FROM commune) c
                    WHERE n <= %d
                    """.formatted(SITES));
            try (PreparedStatement insert = c.prepareStatement("""
                    WITH communes AS (SELECT array_agg(insee_code ORDER BY insee_code) AS codes FROM commune)
                    INSERT INTO encounter (id, site_id, status, period_start, residence_insee_code, age_band,
                        has_regular_doctor, recourse_reason, outcome, satisfaction, version_id, resource, updated_at)
                    SELECT gen_random_uuid(), 'bench-' || (1 + i % ?), CASE WHEN i % 20 = 0 THEN 'cancelled' ELSE 'finished' END,
                           ?::date + (i % 365) * interval '1 day' + (8 + i % 10) * interval '1 hour',
                           codes[1 + (i * 7919) % cardinality(codes)],
                           (ARRAY['AGE_0_14','AGE_15_29','AGE_30_44','AGE_45_59','AGE_60_74','AGE_75_89'])[1 + i % 6],
                           i % 4 <> 0,
                           (ARRAY['NO_REGULAR_DOCTOR','NO_APPOINTMENT_IN_TIME','OUT_OF_HOURS','PATIENT_PREFERENCE'])[1 + i % 4],
                           (ARRAY['PRESCRIPTION','ADVICE_ONLY','REFERRAL'])[1 + i % 3],
                           5 + i % 6, 1, '{}'::jsonb, now()
                    FROM communes, generate_series(1, ?) AS i
                    """)) {
                insert.setInt(1, SITES);
                insert.setObject(2, from);
                insert.setInt(3, SESSIONS);
                insert.executeUpdate();
            }
            // what autovacuum does soon after a bulk load: statistics, and the visibility map of index-only scans
            s.execute("VACUUM ANALYZE");
        }
    }

    /** @param first the first call, before any cache or JIT warm-up */
    private record Timing(String request, long first, long median, long p90, long max, int bytes) {}

    private Timing time(Http http, String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path)).header("Accept", accept);
        int bytes = 0;
        long first = 0;
        for (int i = 0; i < WARM_UP; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request.copy());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            bytes = response.body().length();
            if (i == 0) {
                first = (System.nanoTime() - start) / 1_000_000;
            }
        }
        long[] millis = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            http.send(request.copy());
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        return new Timing(path, first, millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.9) - 1], millis[RUNS - 1], bytes);
    }

    /** The polygons asked again with the ETag the browser kept: a 304 without body. */
    private Timing revalidation(Http http) {
        String etag = http.get("/api/portal/map/communes.geojson").headers().firstValue("ETag").orElseThrow();
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve("/api/portal/map/communes.geojson"))
                .header("If-None-Match", etag);
        long first = 0;
        long[] millis = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request.copy());
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(304);
            if (i == 0) {
                first = millis[i];
            }
        }
        Arrays.sort(millis);
        return new Timing("/api/portal/map/communes.geojson (If-None-Match: 304)", first, millis[RUNS / 2],
                millis[(int) Math.ceil(RUNS * 0.9) - 1], millis[RUNS - 1], 0);
    }

    @Test
    void territoryPageAndMapData() {
        Http http = new Http(server.getURI());
        String json = "application/json";
        String geo = "application/geo+json";
        List<Timing> timings = new ArrayList<>();
        // the map page: polygons (then their revalidation), the layers' figures, the filters' lists, the markers
        timings.add(time(http, "/api/portal/map/communes.geojson", geo));
        timings.add(time(http, "/api/portal/map/figures?" + year, json));
        // the territory feature's own map GeoJSON (polygons and figures together), which the map used before
        timings.add(time(http, "/api/territories/communes.geojson?" + year, geo));
        timings.add(time(http, "/api/territories/departements", json));
        timings.add(time(http, "/api/territories/epci", json));
        timings.add(time(http, "/api/portal/sites.geojson", geo));
        timings.add(revalidation(http));
        timings.add(time(http, "/api/territories/communes?departements=55", json));
        // the territory page, for the network, a département, an EPCI and a commune
        for (String territory : List.of("departements/52,54,55", "departements/55", "epci/200033025",
                "communes/55029")) {
            timings.add(time(http, "/api/portal/territories/" + territory + "/comparison?" + year, json));
            timings.add(time(http, "/api/portal/territories/" + territory + "/communes.geojson?" + year, geo));
        }
        StringBuilder table = new StringBuilder("%nportal benchmark: %,d sessions, %d sites, %d runs after %d warm-up (ms)%n"
                .formatted(SESSIONS, SITES, RUNS, WARM_UP));
        table.append("%-80s %6s %6s %6s %6s %10s%n".formatted("request", "first", "median", "p90", "max", "bytes"));
        timings.forEach(t -> table.append("%-80s %6d %6d %6d %6d %,10d%n".formatted(t.request(), t.first(),
                t.median(), t.p90(), t.max(), t.bytes())));
        log.info("{}", table);
    }
}
