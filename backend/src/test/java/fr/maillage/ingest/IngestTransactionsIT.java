package fr.maillage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import fr.maillage.contract.Channel;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.StatusMessage;
import fr.maillage.contract.WireCodec;
import fr.maillage.contract.WireMessage;
import fr.maillage.encounter.EncounterEventRepository;
import fr.maillage.encounter.EncounterRepository;
import fr.maillage.support.RealServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ingest's transactions on the real PostgreSQL, without a broker: what two backend instances applying one
 * session at once do, and what a message that cannot be applied or kept does to the others.
 */
@MicronautTest(transactional = false)
class IngestTransactionsIT extends RealServers {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @Inject MessageProcessor processor;
    @Inject MessageIngestor ingestor;
    @Inject TransactionOperations<Connection> transactions;
    @Inject EncounterRepository encounters;
    @Inject EncounterEventRepository events;
    @Inject DeadLetterRepository deadLetters;
    @Inject MeterRegistry meters;

    private final WireCodec codec = new WireCodec();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("maillage.ingest.enabled", "false");
        properties.put("maillage.territory.import-on-startup", "false");
        return properties;
    }

    private Inbound inbound(String site, WireMessage message) {
        return new Inbound(new SiteTopic(site, message.channel()).topic(), codec.encode(message), Instant.now(),
                () -> {});
    }

    @Test
    void secondInstanceCreatingTheSameSessionMergesItsEventInsteadOfFailing() throws Exception {
        String site = siteId("race");
        UUID session = UUID.randomUUID();
        // The site exists, and the completed event's shape is known to conform: the only thing the second
        // transaction can wait for is the first one's Encounter.
        transactions.executeWrite(status ->
                processor.process(SiteEvents.completed(site, UUID.randomUUID(), 1, 1), Instant.now()));
        // Two threads of their own: the common pool may have one on a 2-core machine, and the first blocks.
        ExecutorService instances = Executors.newFixedThreadPool(2);
        var firstApplied = new CountDownLatch(1);
        var firstMayCommit = new CountDownLatch(1);

        CompletableFuture<IngestMetrics.Outcome> first = CompletableFuture.supplyAsync(
                () -> transactions.executeWrite(status -> {
                    IngestMetrics.Outcome outcome = processor.process(SiteEvents.started(site, session, 1), Instant.now());
                    firstApplied.countDown();
                    firstMayCommit.await();
                    return outcome;
                }), instances);
        assertThat(firstApplied.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<IngestMetrics.Outcome> second = CompletableFuture.supplyAsync(
                () -> transactions.executeWrite(status ->
                        processor.process(SiteEvents.completed(site, session, 2, 1), Instant.now())), instances);
        // The second transaction found no Encounter and now waits on the first one's uncommitted row.
        await().atMost(WAIT).until(this::someoneWaitsForALock);
        firstMayCommit.countDown();

        assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(IngestMetrics.Outcome.APPLIED);
        assertThat(second.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(IngestMetrics.Outcome.APPLIED);
        assertThat(encounters.findById(session)).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo("finished");
            assertThat(e.versionId()).isEqualTo(2);
        });
        assertThat(events.countByEncounter(session)).isEqualTo(2);
        instances.shutdown();
    }

    private boolean someoneWaitsForALock() {
        return transactions.executeRead(status -> {
            try (ResultSet rs = status.getConnection().createStatement().executeQuery("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'""")) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        });
    }

    @Test
    void messageTheDeadLetterRefusesIsLoggedAndDoesNotHoldUpTheStream() throws Exception {
        String poisoned = siteId("poison");
        String healthy = siteId("healthy");
        UUID session = UUID.randomUUID();
        // A real refusal by the database while it answers: a constraint that the poisoned site's dead letter breaks.
        execute("ALTER TABLE dead_letter ADD CONSTRAINT refuse_poisoned CHECK (topic NOT LIKE '%/" + poisoned + "/%')");
        try {
            double before = count(IngestMetrics.UNSTORED);
            var garbage = new Inbound(new SiteTopic(poisoned, Channel.SESSION).topic(),
                    "{\"schemaVersion\":1, oops".getBytes(StandardCharsets.UTF_8), Instant.now(), () -> {});

            assertTimeoutPreemptively(WAIT, () -> ingestor.ingest(List.of(garbage,
                    inbound(healthy, SiteEvents.completed(healthy, session, 1, 1)))));

            assertThat(encounters.existsById(session)).isTrue();
            assertThat(deadLetters.findByTopicOrderById(garbage.topic())).isEmpty();
            assertThat(count(IngestMetrics.UNSTORED)).isEqualTo(before + 1);
        } finally {
            execute("ALTER TABLE dead_letter DROP CONSTRAINT refuse_poisoned");
        }
    }

    @Test
    void refusedMessageInABatchIsDeadLetteredAndTheOthersAreCommitted() throws Exception {
        String owner = siteId("batch-owner");
        String intruder = siteId("batch-intruder");
        String other = siteId("batch-other");
        UUID owned = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        ingestor.ingest(List.of(inbound(owner, SiteEvents.completed(owner, owned, 1, 1))));
        String malformedTopic = new SiteTopic(other, Channel.SESSION).topic();

        ingestor.ingest(List.of(
                inbound(other, SiteEvents.started(other, fresh, 1)),
                inbound(intruder, new SessionEvent(1, UUID.randomUUID(), intruder, Instant.now(), 1, 1, owned,
                        SessionEvent.Type.CANCELLED, null)),
                new Inbound(malformedTopic, "[]".getBytes(StandardCharsets.UTF_8), Instant.now(), () -> {}),
                inbound(other, SiteEvents.completed(other, fresh, 2, 2)),
                inbound(other, SiteEvents.status(other, 1))));

        assertThat(encounters.findById(fresh)).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo("finished");
            assertThat(e.versionId()).isEqualTo(2);
        });
        assertThat(encounters.findById(owned)).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo("finished"));
        assertThat(events.countByEncounter(owned)).as("the refused event was rolled back").isEqualTo(1);
        assertThat(deadLetters.findByTopicOrderById(new SiteTopic(intruder, Channel.SESSION).topic()))
                .extracting(DeadLetter::reason).containsExactly("SESSION_OF_ANOTHER_SITE");
        assertThat(deadLetters.findByTopicOrderById(malformedTopic)).hasSize(1);
    }

    @Test
    void statusSnapshotsAppliedTogetherInABatchLeaveWhatApplyingThemOneByOneLeaves() throws Exception {
        String together = siteId("together");
        String alone = siteId("alone");
        for (String prefix : List.of(together, alone)) {
            List<StatusMessage> snapshots = List.of(
                    SiteEvents.status(prefix + "-a", 1),
                    SiteEvents.status(prefix + "-a", 3),
                    SiteEvents.status(prefix + "-a", 2),
                    SiteEvents.status(prefix + "-b", 5),
                    new StatusMessage(1, UUID.randomUUID(), prefix + "-c", Instant.now(), 1, 1, 60, List.of(
                            new ProbeReading("camera", DeviceKind.CAMERA, Health.DOWN, "unplugged", Map.of()))),
                    new StatusMessage(1, UUID.randomUUID(), prefix + "-c", Instant.now(), 1, 2, 60, List.of(
                            new ProbeReading("camera", DeviceKind.CAMERA, Health.DOWN, "still unplugged", Map.of()),
                            new ProbeReading("link", DeviceKind.NETWORK_LINK, Health.OK, null, Map.of()))));
            if (prefix.equals(together)) {
                ingestor.ingest(snapshots.stream().map(m -> inbound(m.siteId(), m)).toList());
            } else {
                for (StatusMessage snapshot : snapshots) {
                    transactions.executeWrite(status -> processor.process(snapshot, Instant.now()));
                }
            }
        }

        List<String> rows = fleetRows(together);
        assertThat(rows).hasSize(3 + 3 + 3 + 2).anySatisfy(row -> assertThat(row).startsWith("a|3|"))
                .anySatisfy(row -> assertThat(row).startsWith("c|camera|CAMERA|DOWN|still unplugged|"));
        assertThat(rows).isEqualTo(fleetRows(alone));
    }

    /** The sites and devices of a test's sites, without times, their ids relative to {@code prefix}. */
    private List<String> fleetRows(String prefix) {
        return transactions.executeRead(status -> {
            var rows = new java.util.ArrayList<String>();
            try (var ps = status.getConnection().prepareStatement("""
                    SELECT substr(id, ?) || '|' || last_status_seq || '|' || connection || '|' || coalesce(health, '')
                        || '|' || state || '|' || coalesce(state_reason, '') || '|' || coalesce(candidate_state, '')
                    FROM site WHERE id LIKE ? || '-%'
                    UNION ALL
                    SELECT substr(site_id, ?) || '|' || device_id || '|' || kind || '|' || health || '|'
                        || coalesce(detail, '') || '|' || measurements::text || '|' || state || '|'
                        || coalesce(candidate_state, '')
                    FROM site_device WHERE site_id LIKE ? || '-%'
                    ORDER BY 1""")) {
                ps.setInt(1, prefix.length() + 2);
                ps.setString(2, prefix);
                ps.setInt(3, prefix.length() + 2);
                ps.setString(4, prefix);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            }
            return rows;
        });
    }

    private double count(String counter) {
        return meters.find(counter).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private void execute(String sql) {
        transactions.executeWrite(status -> status.getConnection().createStatement().execute(sql));
    }
}
