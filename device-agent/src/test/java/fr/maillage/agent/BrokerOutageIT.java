package fr.maillage.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.agent.broker.RestartableBroker;
import fr.maillage.agent.mqtt.Backoff;
import fr.maillage.agent.mqtt.BrokerConfig;
import fr.maillage.contract.SessionEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker goes away for a while (a real Mosquitto of the test's own, stopped and started again with its
 * persistence), the agent keeps recording, and when the broker is back every event is delivered exactly once,
 * in the order recorded.
 *
 * <p>The subscriber stands for the backend: a persistent session made before the outage, so that nothing it
 * should hear depends on how fast it reconnects. Nothing is in flight towards it when the broker stops (the
 * first event has been received and acknowledged), so a duplicate could only come from the agent and fails
 * the test.
 */
@Timeout(150)
class BrokerOutageIT {

    private static final Logger log = LoggerFactory.getLogger(BrokerOutageIT.class);
    private static final int DURING_OUTAGE = 100;
    private static final Duration SESSION_EXPIRY = Duration.ofMinutes(10);

    @Test
    @DisplayName("events recorded while the broker is down queue, then all arrive exactly once and in order")
    void eventsQueueThroughABrokerRestart(@TempDir Path brokerHome, @TempDir Path data) throws Exception {
        try (RestartableBroker broker = RestartableBroker.start(brokerHome)) {
            String uri = broker.uri();
            String siteId = Sites.uniqueId("it-outage");
            AgentConfig config = AgentConfig.forSite(siteId, Sites.BAR_LE_DUC, uri, data)
                    .withBroker(new BrokerConfig(List.of(uri), null, null, null, null, Duration.ofSeconds(5),
                            Duration.ofMinutes(5), Duration.ofSeconds(3),
                            new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4)), 16));
            List<SessionEvent> recorded = new ArrayList<>();
            try (TestSubscriber backend = TestSubscriber.persistent(uri, siteId, SESSION_EXPIRY);
                    SiteAgent agent = SiteAgent.start(config)) {
                await().atMost(Duration.ofSeconds(20)).until(agent::isConnected);
                recorded.add(agent.record(SessionEvent.Type.STARTED, UUID.randomUUID(), Sites.completed()));
                await().until(() -> backend.sessions().size() == 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> agent.pendingEvents() == 0);

                broker.stop();
                await().atMost(Duration.ofSeconds(20)).until(() -> !agent.isConnected());
                for (int i = 0; i < DURING_OUTAGE; i++) {
                    recorded.add(agent.record(SessionEvent.Type.COMPLETED, UUID.randomUUID(), Sites.completed()));
                }
                assertThat(agent.pendingEvents()).isGreaterThanOrEqualTo(DURING_OUTAGE);
                assertThat(backend.sessions()).hasSize(1);

                broker.restart();
                await().atMost(Duration.ofSeconds(40)).until(() -> agent.pendingEvents() == 0);
                // Reconnect only once the agent has published everything: the session queued it meanwhile.
                backend.reconnect();
                await().atMost(Duration.ofSeconds(20)).until(() -> backend.sessions().size() >= recorded.size());
                // Leave time for a late duplicate to show up before judging.
                await().pollDelay(Duration.ofSeconds(2)).until(() -> true);

                List<UUID> arrived = backend.sessions().stream().map(SessionEvent::eventId).toList();
                assertThat(arrived)
                        .as("each event once, in the order recorded (%s)", broker.name())
                        .containsExactlyElementsOf(recorded.stream().map(SessionEvent::eventId).toList());
                assertThat(backend.sessions()).containsExactlyElementsOf(recorded);
                assertThat(backend.rejected()).isEmpty();
                log.info("broker outage [broker: {}, queued while down: {}, delivered: {}]",
                        broker.name(), DURING_OUTAGE, arrived.size());
            }
        }
    }
}
