package fr.maillage.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.SessionEvent;
import fr.maillage.servers.LocalServers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's half of the durability promise, at the broker: nothing the agent acknowledged is lost across a
 * SIGKILL. QoS 1 is at least once, so an event whose PUBACK the kill cut is published again after the restart;
 * the test counts such duplicates and reports them rather than pretending there are none. Exactly once at the
 * backend (its event ledger absorbs them) is proved by the backend's {@code AgentCrashEndToEndIT}.
 */
@Timeout(120)
class CrashRecoveryIT {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryIT.class);

    private static final int ACKS_BEFORE_KILL = 300;

    @Test
    @DisplayName("kill -9 mid-stream: after a restart on the same data dir, every acknowledged event reaches the broker"
            + " at least once, duplicates counted")
    void everyAcknowledgedEventSurvivesSigkill(@TempDir Path data) throws Exception {
        String broker = LocalServers.forTests().mqttUri();
        String siteId = Sites.uniqueId("it-crash");
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        try (TestSubscriber backend = TestSubscriber.of(broker, siteId)) {
            Process child = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-Xmx64m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            RecordingAgent.class.getName(),
                            broker,
                            siteId,
                            data.toString())
                    .redirectErrorStream(true)
                    .start();
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; acknowledged.size() < ACKS_BEFORE_KILL && (line = lines.readLine()) != null; ) {
                    if (line.startsWith("ACK ")) {
                        acknowledged.add(UUID.fromString(line.substring(4).trim()));
                    }
                }
                // SIGKILL while the child keeps recording: no shutdown hook, no orderly close.
                child.destroyForcibly();
                child.waitFor();
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

            try (SiteAgent restarted = SiteAgent.start(AgentConfig.forSite(siteId, Sites.BAR_LE_DUC, broker, data))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> received(backend).containsAll(acknowledged));
                await().atMost(Duration.ofSeconds(20)).until(() -> restarted.pendingEvents() == 0);
            }
            List<SessionEvent> sessions = backend.sessions();
            Map<UUID, Long> deliveries =
                    sessions.stream().collect(Collectors.groupingBy(SessionEvent::eventId, Collectors.counting()));
            assertThat(deliveries.keySet()).as("no acknowledged event lost").containsAll(acknowledged);
            long duplicates = deliveries.values().stream().mapToLong(n -> n - 1).sum();
            long unacknowledged = deliveries.keySet().stream().filter(id -> !acknowledged.contains(id)).count();
            log.info("kill -9 at the broker [acknowledged: {}, delivered: {} messages for {} event ids, "
                            + "duplicates: {}, recorded but not yet acknowledged when killed: {}]",
                    acknowledged.size(), sessions.size(), deliveries.size(), duplicates, unacknowledged);
            assertThat(backend.rejected()).isEmpty();
            backend.clearRetained();
        }
    }

    private static Set<UUID> received(TestSubscriber backend) {
        return backend.sessions().stream().map(SessionEvent::eventId).collect(Collectors.toSet());
    }
}
