package fr.maillage.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.maillage.agent.mqtt.Backoff;
import fr.maillage.agent.mqtt.BrokerConfig;
import fr.maillage.contract.Command;
import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.StateMessage;
import fr.maillage.servers.FreePort;
import fr.maillage.servers.LocalServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class SiteAgentIT {

    private final String broker = LocalServers.forTests().mqttUri();

    @Test
    @DisplayName("birth is retained with the connSeq, a recorded event arrives once acked, close publishes OFFLINE")
    void birthEventAndOrderlyClose(@TempDir Path data) throws Exception {
        String siteId = Sites.uniqueId("it-birth");
        try (TestSubscriber backend = TestSubscriber.of(broker, siteId)) {
            long connSeq;
            SessionEvent event;
            try (SiteAgent agent = SiteAgent.start(AgentConfig.forSite(siteId, Sites.BAR_LE_DUC, broker, data))) {
                await().atMost(Duration.ofSeconds(20)).until(agent::isConnected);
                event = agent.record(SessionEvent.Type.COMPLETED, UUID.randomUUID(), Sites.completed());
                await().atMost(Duration.ofSeconds(20)).until(() -> backend.sessions().contains(event));
                await().until(() -> agent.pendingEvents() == 0);
                StateMessage birth = backend.states().getFirst();
                assertThat(birth.state()).isEqualTo(ConnectionState.ONLINE);
                assertThat(birth.site()).isEqualTo(Sites.BAR_LE_DUC);
                connSeq = birth.connSeq();
                assertThat(event.connSeq()).isEqualTo(connSeq);
                assertThat(backend.statuses()).isNotEmpty();
            }
            await().until(() -> backend.states().size() >= 2);
            StateMessage offline = backend.states().getLast();
            assertThat(offline.state()).isEqualTo(ConnectionState.OFFLINE);
            assertThat(offline.connSeq()).isEqualTo(connSeq);
            assertThat(backend.rejected()).isEmpty();

            try (TestSubscriber late = TestSubscriber.of(broker, siteId)) {
                await().until(() -> !late.received().isEmpty());
                assertThat(late.received().getFirst().retained()).isTrue();
                assertThat(late.states().getFirst().state()).isEqualTo(ConnectionState.OFFLINE);
            }
            backend.clearRetained();
        }
    }

    @Test
    @DisplayName("an abrupt loss of the link makes the broker publish the Will with that connection's connSeq")
    void willOnAbruptLoss(@TempDir Path data) throws Exception {
        String siteId = Sites.uniqueId("it-will");
        try (TestSubscriber backend = TestSubscriber.of(broker, siteId);
                SiteAgent agent = SiteAgent.start(AgentConfig.forSite(siteId, Sites.BAR_LE_DUC, broker, data))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !backend.states().isEmpty());
            long first = backend.states().getFirst().connSeq();

            agent.interruptLink(Duration.ofSeconds(1));

            await().atMost(Duration.ofSeconds(20)).until(() -> backend.states().stream()
                    .anyMatch(s -> s.state() == ConnectionState.OFFLINE && s.connSeq() == first));
            await().atMost(Duration.ofSeconds(20)).until(() -> backend.states().stream()
                    .anyMatch(s -> s.state() == ConnectionState.ONLINE && s.connSeq() > first));
            backend.clearRetained();
        }
    }

    @Test
    @DisplayName("REBIRTH on the cmd topic republishes the birth (same connSeq) and a status snapshot")
    void rebirthCommand(@TempDir Path data) throws Exception {
        String siteId = Sites.uniqueId("it-rebirth");
        try (TestSubscriber backend = TestSubscriber.of(broker, siteId);
                SiteAgent agent = SiteAgent.start(AgentConfig.forSite(siteId, Sites.BAR_LE_DUC, broker, data))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> backend.states().size() == 1
                    && backend.statuses().size() == 1);
            long connSeq = backend.states().getFirst().connSeq();

            backend.command(Command.Type.REBIRTH);

            await().atMost(Duration.ofSeconds(10)).until(() -> backend.states().size() == 2
                    && backend.statuses().size() == 2);
            assertThat(backend.states()).allMatch(s -> s.state() == ConnectionState.ONLINE && s.connSeq() == connSeq);
            assertThat(backend.states().get(1).seq()).isGreaterThan(backend.states().get(0).seq());
            backend.clearRetained();
        }
    }

    @Test
    @DisplayName("when the first broker URI is dead the agent fails over to the next one")
    void failover(@TempDir Path data) throws Exception {
        String siteId = Sites.uniqueId("it-failover");
        String dead = "tcp://127.0.0.1:" + FreePort.find();
        BrokerConfig defaults = BrokerConfig.of(broker);
        BrokerConfig both = new BrokerConfig(List.of(dead, broker), null, null, null, null, defaults.keepAlive(),
                defaults.sessionExpiry(), Duration.ofSeconds(2),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)), 16);
        try (TestSubscriber backend = TestSubscriber.of(broker, siteId);
                SiteAgent agent = SiteAgent.start(
                        AgentConfig.forSite(siteId, Sites.BAR_LE_DUC, dead, data).withBroker(both))) {
            await().atMost(Duration.ofSeconds(20)).until(agent::isConnected);
            await().until(() -> !backend.states().isEmpty());
            assertThat(backend.states().getFirst().connSeq()).isGreaterThanOrEqualTo(2);
            backend.clearRetained();
        }
    }

    @Test
    @DisplayName("a completed session without details is refused before it reaches the outbox")
    void invalidEventRefused(@TempDir Path data) {
        String siteId = Sites.uniqueId("it-invalid");
        try (SiteAgent agent = SiteAgent.start(AgentConfig.forSite(siteId, Sites.BAR_LE_DUC, "tcp://127.0.0.1:1", data))) {
            long before = agent.pendingEvents();
            assertThatThrownBy(() -> agent.record(SessionEvent.Type.COMPLETED, UUID.randomUUID(), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("details");
            assertThat(agent.pendingEvents()).isEqualTo(before);
        }
    }
}
