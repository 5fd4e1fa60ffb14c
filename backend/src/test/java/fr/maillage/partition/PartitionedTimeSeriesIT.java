package fr.maillage.partition;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.encounter.EncounterRepository;
import fr.maillage.ingest.MessageProcessor;
import fr.maillage.ingest.SiteEvents;
import fr.maillage.security.retention.SessionRetention;
import fr.maillage.support.RealServers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The monthly partitions and the daily counts on real PostgreSQL: the counts stay equal to a GROUP BY over the
 * Encounter rows whatever the ingest does to them, rows of a month without its partition are kept and moved
 * when it is created, and retention drops whole months.
 */
@MicronautTest(transactional = false)
class PartitionedTimeSeriesIT extends RealServers {

    /** The daily counts as the Encounter rows give them, in the layout of {@code encounter_daily_count}. */
    private static final String FROM_ENCOUNTERS = """
            SELECT (period_start AT TIME ZONE 'Europe/Paris')::date AS day, site_id, residence_insee_code, status,
                   has_regular_doctor, recourse_reason, age_band, outcome, count(*)::int AS sessions,
                   coalesce(sum(satisfaction), 0)::int AS satisfaction_sum, count(satisfaction)::int AS answers
            FROM encounter GROUP BY 1, 2, 3, 4, 5, 6, 7, 8""";
    private static final String FROM_COUNTS = """
            SELECT day, site_id, residence_insee_code, status, has_regular_doctor, recourse_reason, age_band, outcome,
                   sessions, satisfaction_sum, satisfaction_answers
            FROM encounter_daily_count WHERE sessions <> 0 OR satisfaction_sum <> 0 OR satisfaction_answers <> 0""";

    @Inject MessageProcessor processor;
    @Inject TransactionOperations<Connection> transactions;
    @Inject EncounterRepository encounters;
    @Inject MonthlyPartitions partitions;
    @Inject SessionRetention retention;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("maillage.ingest.enabled", "false");
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("maillage.retention.enabled", "false");
        return properties;
    }

    @Test
    void dailyCountsEqualAGroupByOverEncountersAfterInsertsUpdatesAndRedeliveries() {
        String siteA = siteId("daily-a");
        String siteB = siteId("daily-b");
        Random random = new Random(9);
        List<SessionEvent> applied = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String site = i % 2 == 0 ? siteA : siteB;
            UUID session = UUID.randomUUID();
            // started now (in-progress today), then completed: status, categories and often the day change
            apply(SiteEvents.started(site, session, 1), applied);
            SessionEvent completed = i % 5 == 0
                    // the session really started 40 days ago: its row moves to an earlier month's partition
                    ? completedStartingAt(site, session, Instant.now().minus(Duration.ofDays(40)), i)
                    : SiteEvents.completed(site, session, 2, random.nextInt(500));
            apply(completed, applied);
            if (i % 7 == 0) {
                apply(new SessionEvent(1, UUID.randomUUID(), site, Instant.now(), 1, 3, session,
                        SessionEvent.Type.CANCELLED, null), applied);
            }
        }
        // redeliveries: the same events again, in another order
        List<SessionEvent> again = new ArrayList<>(applied);
        Collections.shuffle(again, random);
        again.forEach(event -> transactions.executeWrite(status -> processor.process(event, Instant.now())));

        assertThat(rows(FROM_COUNTS)).isEqualTo(rows(FROM_ENCOUNTERS)).isNotEmpty();
        assertThat(rows("SELECT count(*) FROM encounter WHERE site_id IN ('" + siteA + "', '" + siteB + "')"))
                .containsExactly("60");
        assertThat(rows("SELECT count(DISTINCT tableoid) > 1 FROM encounter")).containsExactly("t");
    }

    @Test
    void aRowOfAMonthWithoutPartitionIsKeptAndMovedWhenTheMonthIsCreated() {
        YearMonth far = YearMonth.now(MonthlyPartitions.FRANCE).plusYears(3);
        String site = siteId("far");
        UUID session = UUID.randomUUID();
        Instant start = far.atDay(10).atStartOfDay(MonthlyPartitions.FRANCE).toInstant();
        transactions.executeWrite(status -> processor.process(
                completedStartingAt(site, session, start, 3), Instant.now()));
        assertThat(partitionOf(session)).isEqualTo("encounter_default");

        assertThat(partitions.ensure(MonthlyPartitions.ENCOUNTER, far, far)).containsExactly(far);

        assertThat(partitionOf(session)).isEqualTo("encounter_" + far.toString().replace('-', '_'));
        assertThat(encounters.findById(session)).hasValueSatisfying(e -> assertThat(e.periodStart()).isEqualTo(start));
        assertThat(partitions.ensure(MonthlyPartitions.ENCOUNTER, far, far)).isEmpty();
    }

    @Test
    void theJobKeepsTheCurrentMonthAndThoseAheadPartitioned() {
        YearMonth now = YearMonth.now(MonthlyPartitions.FRANCE);
        List<String> names = rows("SELECT partition_name FROM month_partitions('site_state_interval')");
        for (int ahead = 0; ahead <= 3; ahead++) {
            assertThat(names).contains("site_state_interval_" + now.plusMonths(ahead).toString().replace('-', '_'));
        }
    }

    @Test
    void retentionDropsTheMonthsBeforeItsCutoffWholeAndKeepsTheirCounts() {
        Instant now = Instant.parse("2026-05-20T12:00:00Z");
        YearMonth first = YearMonth.of(2021, 1);
        partitions.ensure(MonthlyPartitions.ENCOUNTER, first, first.plusMonths(5));
        String site = siteId("old");
        List<UUID> old = new ArrayList<>();
        for (int day = 1; day <= 160; day += 3) {
            UUID session = UUID.randomUUID();
            Instant start = first.atDay(1).atStartOfDay(MonthlyPartitions.FRANCE).toInstant()
                    .plus(Duration.ofDays(day)).plus(Duration.ofHours(9));
            SessionEvent completed = completedStartingAt(site, session, start, day);
            transactions.executeWrite(status -> processor.process(completed, Instant.now()));
            old.add(session);
        }
        Instant cutoff = retention.cutoff(now);
        assertThat(cutoff).isEqualTo(Instant.parse("2021-05-19T22:00:00Z"));
        String purged = rows("SELECT count(*) FROM encounter WHERE period_start < '" + cutoff + "'").get(0);
        String kept = rows("SELECT count(*) FROM encounter WHERE site_id = '" + site + "' AND period_start >= '"
                + cutoff + "'").get(0);

        SessionRetention.Outcome outcome = retention.purge(now);

        assertThat(Integer.toString(outcome.encountersPurged())).isEqualTo(purged);
        assertThat(rows("SELECT partition_name FROM month_partitions('encounter')"))
                .doesNotContain("encounter_2021_01", "encounter_2021_04").contains("encounter_2021_05", "encounter_2021_06");
        assertThat(rows("SELECT sum(sessions) FROM session_daily_count WHERE site_id = '" + site + "'"))
                .containsExactly(Integer.toString(old.size() - Integer.parseInt(kept)));
        assertThat(rows("SELECT count(*) FROM encounter_key WHERE id = ANY ('{"
                + String.join(",", old.stream().map(UUID::toString).toList()) + "}'::uuid[])"))
                .containsExactly(kept);
        assertThat(rows(FROM_COUNTS)).isEqualTo(rows(FROM_ENCOUNTERS));
        assertThat(rows("SELECT count(*) FROM encounter_daily_count WHERE day < '2021-05-01'")).containsExactly("0");
    }

    private void apply(SessionEvent event, List<SessionEvent> applied) {
        transactions.executeWrite(status -> processor.process(event, Instant.now()));
        applied.add(event);
    }

    private static SessionEvent completedStartingAt(String site, UUID session, Instant start, int variant) {
        Instant at = start.truncatedTo(ChronoUnit.SECONDS);
        return new SessionEvent(1, UUID.randomUUID(), site, at.plusSeconds(1200), 1, 2, session,
                SessionEvent.Type.COMPLETED, new SessionDetails(at, at.plusSeconds(900),
                        SessionDetails.ProfessionalRole.NURSE, SessionDetails.PhysicianSpecialty.GENERAL_PRACTICE,
                        SessionDetails.RecourseReason.values()[variant % SessionDetails.RecourseReason.values().length],
                        new PatientProfile(PatientProfile.AgeBand.AGE_60_74, PatientProfile.Sex.FEMALE, "52121",
                                variant % 2 == 0),
                        List.of(DeviceKind.STETHOSCOPE), SessionDetails.Outcome.values()[0], variant % 11));
    }

    private String partitionOf(UUID session) {
        return rows("SELECT tableoid::regclass::text FROM encounter WHERE id = '" + session + "'").get(0);
    }

    /** Every row of a query as one string, sorted. */
    private List<String> rows(String sql) {
        return transactions.executeRead(status -> {
            List<String> out = new ArrayList<>();
            try (var statement = status.getConnection().createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= columns; c++) {
                        row.append(c > 1 ? "|" : "").append(rs.getString(c));
                    }
                    out.add(row.toString());
                }
            }
            out.sort(null);
            return out;
        });
    }
}
