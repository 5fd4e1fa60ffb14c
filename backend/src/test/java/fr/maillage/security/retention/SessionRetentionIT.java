package fr.maillage.security.retention;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.support.RealServers;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention on real PostgreSQL, at a fixed "now": sessions before the cutoff become daily counts equal to the rows
 * purged, their events and questionnaire responses go with them, and everything from the cutoff on is untouched.
 */
@MicronautTest
class SessionRetentionIT extends RealServers {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2031-06-15T12:00:00Z");
    /** 60 months before 15 June 2031, at midnight in Paris (summer time: UTC+2). */
    private static final Instant CUTOFF = Instant.parse("2026-06-14T22:00:00Z");

    @Inject SessionRetention retention;
    @Inject JdbcOperations jdbc;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("maillage.retention.enabled", "false");
        return properties;
    }

    /** A session row as inserted, with the key it must be counted under. */
    private record Row(UUID id, String site, String commune, String status, Instant start) {
        String key() {
            return LocalDate.ofInstant(start, PARIS) + "|" + site + "|" + (commune == null ? "" : commune) + "|"
                    + status;
        }
    }

    @Test
    void sessionsPastTheCutoffBecomeDailyCountsEqualToThePurgedRows() {
        assertThat(retention.cutoff(NOW)).isEqualTo(CUTOFF);
        String siteA = siteId("55545-cabin");
        String siteB = siteId("52121-pharmacy");
        site(siteA);
        site(siteB);
        Random random = new Random(8);
        List<Row> rows = new ArrayList<>();
        String[] communes = {"55545", "55029", null};
        String[] statuses = {"finished", "cancelled"};
        for (int i = 0; i < 300; i++) {
            // from a year before the cutoff to a year after, so both sides have plenty of rows
            Instant start = CUTOFF.plusSeconds((long) (random.nextDouble() * 730 - 365) * 86_400
                    + random.nextInt(86_400));
            rows.add(new Row(UUID.randomUUID(), random.nextBoolean() ? siteA : siteB,
                    communes[random.nextInt(communes.length)], statuses[random.nextInt(2)], start));
        }
        // the edges: the last second before the cutoff, the cutoff itself, and a UTC evening that is tomorrow in Paris
        rows.add(new Row(UUID.randomUUID(), siteA, "55545", "finished", CUTOFF.minusSeconds(1)));
        rows.add(new Row(UUID.randomUUID(), siteA, "55545", "finished", CUTOFF));
        rows.add(new Row(UUID.randomUUID(), siteB, null, "finished", Instant.parse("2026-03-01T23:30:00Z")));
        rows.forEach(this::insert);
        Map<String, Long> expected = new TreeMap<>();
        rows.stream().filter(r -> r.start().isBefore(CUTOFF)).forEach(r -> expected.merge(r.key(), 1L, Long::sum));
        long purged = rows.stream().filter(r -> r.start().isBefore(CUTOFF)).count();

        SessionRetention.Outcome outcome = retention.purge(NOW);

        assertThat(outcome.encountersPurged()).isEqualTo(purged);
        assertThat(outcome.eventsPurged()).isEqualTo(purged);
        assertThat(counts(siteA, siteB)).isEqualTo(expected).containsKey("2026-03-02|" + siteB + "||finished");
        assertThat(remaining("encounter", "id", siteA, siteB)).containsExactlyInAnyOrderElementsOf(
                rows.stream().filter(r -> !r.start().isBefore(CUTOFF)).map(r -> r.id().toString()).toList());
        assertThat(remaining("encounter_event", "encounter_id", siteA, siteB)).hasSize(rows.size() - (int) purged);
        assertThat(remaining("questionnaire_response", "encounter_id", siteA, siteB)).as("answers go with their session")
                .containsExactlyInAnyOrderElementsOf(remaining("encounter", "id", siteA, siteB));

        SessionRetention.Outcome again = retention.purge(NOW);

        assertThat(again.encountersPurged()).isZero();
        assertThat(counts(siteA, siteB)).as("a second run counts nothing twice").isEqualTo(expected);
    }

    @Test
    void aLateSessionForAFoldedDayAddsToItsCount() {
        String site = siteId("55029-health-centre");
        site(site);
        Instant day = Instant.parse("2025-01-10T09:00:00Z");
        insert(new Row(UUID.randomUUID(), site, "55029", "finished", day));
        retention.purge(NOW);
        insert(new Row(UUID.randomUUID(), site, "55029", "finished", day.plusSeconds(3600)));

        retention.purge(NOW);

        assertThat(counts(site)).containsEntry("2025-01-10|" + site + "|55029|finished", 2L);
    }

    private void site(String id) {
        jdbc.execute(connection -> {
            try (var statement = connection.prepareStatement("""
                    INSERT INTO site (id, connection, conn_seq, last_status_seq, created_at)
                    VALUES (?, 'ONLINE', 0, 0, now())""")) {
                statement.setString(1, id);
                return statement.executeUpdate();
            }
        });
    }

    private void insert(Row row) {
        jdbc.execute(connection -> {
            try (var encounter = connection.prepareStatement("""
                    INSERT INTO encounter (id, site_id, status, period_start, residence_insee_code, version_id, resource,
                        updated_at) VALUES (?, ?, ?, ?, ?, 1, '{}'::jsonb, now())""");
                    var event = connection.prepareStatement("""
                    INSERT INTO encounter_event (event_id, encounter_id, site_id, type, occurred_at, received_at)
                    VALUES (?, ?, ?, 'COMPLETED', ?, now())""");
                    var response = connection.prepareStatement("""
                    INSERT INTO questionnaire_response (id, encounter_id, questionnaire, site_id, authored, satisfaction,
                        version_id, resource, updated_at) VALUES (?, ?, 'patient-survey', ?, ?, 9, 1, '{}'::jsonb, now())""")) {
                encounter.setObject(1, row.id());
                encounter.setString(2, row.site());
                encounter.setString(3, row.status());
                encounter.setTimestamp(4, Timestamp.from(row.start()));
                encounter.setString(5, row.commune());
                encounter.executeUpdate();
                event.setObject(1, UUID.randomUUID());
                event.setObject(2, row.id());
                event.setString(3, row.site());
                event.setTimestamp(4, Timestamp.from(row.start()));
                event.executeUpdate();
                response.setObject(1, UUID.randomUUID());
                response.setObject(2, row.id());
                response.setString(3, row.site());
                response.setTimestamp(4, Timestamp.from(row.start()));
                return response.executeUpdate();
            }
        });
    }

    /** The daily counts of some sites (the other test's stay out of the comparison). */
    private Map<String, Long> counts(String... sites) {
        return jdbc.execute(connection -> {
            Map<String, Long> counts = new TreeMap<>();
            try (var statement = connection.prepareStatement("SELECT day, site_id, residence_insee_code, status,"
                    + " sessions FROM session_daily_count WHERE site_id = ANY (?)")) {
                statement.setArray(1, connection.createArrayOf("text", sites));
                var rs = statement.executeQuery();
                while (rs.next()) {
                    counts.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4),
                            rs.getLong(5));
                }
            }
            return counts;
        });
    }

    private List<String> remaining(String table, String column, String... sites) {
        return jdbc.execute(connection -> {
            List<String> ids = new ArrayList<>();
            try (var statement =
                    connection.prepareStatement("SELECT " + column + " FROM " + table + " WHERE site_id = ANY (?)")) {
                statement.setArray(1, connection.createArrayOf("text", sites));
                var rs = statement.executeQuery();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }
}
