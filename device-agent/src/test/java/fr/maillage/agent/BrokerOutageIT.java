package fr.maillage.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.agent.mqtt.Backoff;
import fr.maillage.agent.mqtt.BrokerConfig;
import fr.maillage.contract.SessionEvent;
import fr.maillage.servers.EmbeddedBroker;
import fr.maillage.servers.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(150)
class BrokerOutageIT {

    private static final int DURING_OUTAGE = 100;

    @Test
    @DisplayName("events recorded while the broker is down queue, then all arrive once per eventId and in order")
    void eventsQueueThroughABrokerRestart(@TempDir Path brokerHome, @TempDir Path data) throws Exception {
        int port = FreePort.find();
        EmbeddedBroker broker = EmbeddedBroker.start(brokerHome, port);
        String uri = broker.uri();
        String siteId = Sites.uniqueId("it-outage");
        AgentConfig config = AgentConfig.forSite(siteId, Sites.BAR_LE_DUC, uri, data)
                .withBroker(new BrokerConfig(List.of(uri), null, null, null, Duration.ofSeconds(5),
                        Duration.ofMinutes(5), Duration.ofSeconds(3),
                        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4)), 16));
        List<SessionEvent> recorded = new ArrayList<>();
        try (SiteAgent agent = SiteAgent.start(config)) {
            await().atMost(Duration.ofSeconds(20)).until(agent::isConnected);
            TestSubscriber before = TestSubscriber.of(uri, siteId);
            recorded.add(agent.record(SessionEvent.Type.STARTED, UUID.randomUUID(), Sites.completed()));
            await().until(() -> before.sessions().size() == 1);
            before.close();

            broker.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> !agent.isConnected());
            for (int i = 0; i < DURING_OUTAGE; i++) {
                recorded.add(agent.record(SessionEvent.Type.COMPLETED, UUID.randomUUID(), Sites.completed()));
            }
            assertThat(agent.pendingEvents()).isGreaterThanOrEqualTo(DURING_OUTAGE);

            broker = EmbeddedBroker.start(brokerHome, port);
            try (TestSubscriber backend = TestSubscriber.of(uri, siteId)) {
                await().atMost(Duration.ofSeconds(40)).until(() -> agent.pendingEvents() == 0);
                List<SessionEvent> during = recorded.subList(1, recorded.size());
                await().atMost(Duration.ofSeconds(10)).until(() -> backend.sessions().containsAll(during));

                Map<UUID, SessionEvent> firstArrivals = new LinkedHashMap<>();
                backend.sessions().forEach(e -> firstArrivals.putIfAbsent(e.eventId(), e));
                List<SessionEvent> inArrivalOrder = new ArrayList<>(firstArrivals.values());
                inArrivalOrder.retainAll(during);
                assertThat(inArrivalOrder).containsExactlyElementsOf(during);
                assertThat(backend.rejected()).isEmpty();
            }
        } finally {
            broker.close();
        }
    }
}
