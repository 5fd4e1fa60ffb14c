package fr.maillage.fleet.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/sites/{id}/availability} of a device against a hand-computed timeline, stored as the state
 * machine stores it (closed intervals, plus the open one on the device's row). The site is a pharmacy with the
 * default hours, Monday to Saturday 09:00-19:00 in Paris, i.e. 08:00-18:00 UTC in November: 36,000 open seconds
 * a day. Monday 23 November 2026, its camera (UTC):
 *
 * <pre>
 * 20:00 (Sun) ─ 09:30 ONLINE    open: 08:00-09:30  5,400 s
 * 09:30 ─ 10:00      DEGRADED   open:              1,800 s (usable: counts as available)
 * 10:00 ─ 11:30      OFFLINE    open:              5,400 s  failure 1
 * 11:30 ─ 17:00      ONLINE     open:             19,800 s
 * 17:00 ─ 09:00 (Tue) OFFLINE   open: Mon 17-18 3,600 s + Tue 08-09 3,600 s  failure 2, counted on Monday only
 * 09:00 (Tue) ─ now  ONLINE     open: Tue 09-18 32,400 s, then Wed to Sat 36,000 s a day
 * </pre>
 *
 * The site itself stayed ONLINE throughout, so the device's figures cannot be the site's.
 */
@MicronautTest
class AvailabilityApiIT extends RealServers {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject Timeline timeline;

    private final String site = siteId("availability-pharmacy");

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("maillage.ingest.enabled", "false");
        return properties;
    }

    /** Writes the timeline as the state machine would have. */
    @Singleton
    static class Timeline {
        private final JdbcOperations jdbc;

        Timeline(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        void write(String site) {
            update("""
                    INSERT INTO site (id, name, kind, insee_code, connection, conn_seq, last_status_seq, created_at,
                        state, state_since, state_reason)
                    VALUES (?, 'Pharmacie de Laxou', 'PHARMACY', '54304', 'ONLINE', 1, 1, ?, 'ONLINE', ?, 'CONNECTED')""",
                    site, Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T08:00:00Z"));
            update("""
                    INSERT INTO site_device (site_id, device_id, kind, health, measurements, updated_at, state,
                        state_since)
                    VALUES (?, 'camera', 'CAMERA', 'OK', '{}', ?, 'ONLINE', ?)""",
                    site, Instant.parse("2026-11-24T09:00:00Z"), Instant.parse("2026-11-24T09:00:00Z"));
            interval(site, "ONLINE", "2026-11-22T20:00:00Z", "2026-11-23T09:30:00Z");
            interval(site, "DEGRADED", "2026-11-23T09:30:00Z", "2026-11-23T10:00:00Z");
            interval(site, "OFFLINE", "2026-11-23T10:00:00Z", "2026-11-23T11:30:00Z");
            interval(site, "ONLINE", "2026-11-23T11:30:00Z", "2026-11-23T17:00:00Z");
            interval(site, "OFFLINE", "2026-11-23T17:00:00Z", "2026-11-24T09:00:00Z");
        }

        private void interval(String site, String state, String from, String to) {
            update("""
                    INSERT INTO site_state_interval (site_id, device_id, state, started_at, ended_at, reason)
                    VALUES (?, 'camera', ?, ?, ?, 'OK')""", site, state, Instant.parse(from), Instant.parse(to));
        }

        private void update(String sql, Object... values) {
            jdbc.prepareStatement(sql, ps -> {
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(i + 1, values[i] instanceof Instant instant ? Timestamp.from(instant) : values[i]);
                }
                return ps.executeUpdate();
            });
        }
    }

    @BeforeAll
    void timeline() {
        timeline.write(site);
    }

    private Map<String, Object> report(String query) throws Exception {
        var response = new Http(server.getURI()).get("/api/sites/" + site + "/availability?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    /** Open, online, degraded, offline and unknown seconds, failures, MTBF and MTTR of one period. */
    private static List<Long> figures(Object period) {
        Map<?, ?> p = (Map<?, ?>) period;
        return Stream.of("openSeconds", "onlineSeconds", "degradedSeconds", "offlineSeconds", "unknownSeconds",
                        "failures", "mtbfSeconds", "mttrSeconds")
                .map(name -> p.get(name) == null ? null : ((Number) p.get(name)).longValue())
                .collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
    }

    private static double availability(Object period) {
        return ((Number) ((Map<?, ?>) period).get("availability")).doubleValue();
    }

    @Test
    void deviceDayByDayMatchesTheHandComputedTimeline() throws Exception {
        Map<String, Object> report = report("device=camera&from=2026-11-23&to=2026-11-25&granularity=day");
        List<?> days = (List<?>) report.get("periods");

        assertThat(report).containsEntry("deviceId", "camera").containsEntry("openingHours", "Mon-Sat 09:00-19:00");
        assertThat(days).hasSize(2);
        assertThat(figures(days.get(0))).containsExactly(36000L, 25200L, 1800L, 9000L, 0L, 2L, 13500L, 4500L);
        assertThat(availability(days.get(0))).isCloseTo(0.75, within(1e-9));
        assertThat(figures(days.get(1))).containsExactly(36000L, 32400L, 0L, 3600L, 0L, 0L, null, null);
        assertThat(availability(days.get(1))).isCloseTo(0.9, within(1e-9));
        assertThat(figures(report.get("total"))).containsExactly(72000L, 57600L, 1800L, 12600L, 0L, 2L, 29700L, 6300L);
        assertThat(availability(report.get("total"))).isCloseTo(0.825, within(1e-9));
    }

    @Test
    void deviceWeekCountsTheOpenIntervalUpToSaturdayAndNotSunday() throws Exception {
        Map<String, Object> report = report("device=camera&from=2026-11-23&to=2026-11-30&granularity=week");
        List<?> weeks = (List<?>) report.get("periods");

        assertThat(weeks).hasSize(1);
        // Wednesday to Saturday: 4 more open days ONLINE, 144,000 s
        assertThat(figures(weeks.getFirst())).containsExactly(216000L, 201600L, 1800L, 12600L, 0L, 2L, 101700L, 6300L);
        assertThat(availability(weeks.getFirst())).isCloseTo(203400.0 / 216000, within(1e-9));
    }

    @Test
    void theSiteItselfHasItsOwnFigures() throws Exception {
        Map<String, Object> report = report("from=2026-11-23&to=2026-11-25&granularity=day");

        assertThat(figures(report.get("total"))).containsExactly(72000L, 72000L, 0L, 0L, 0L, 0L, null, null);
        assertThat(availability(report.get("total"))).isEqualTo(1.0);
    }
}
