package fr.maillage.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.agent.AgentConfig;
import fr.maillage.agent.SiteAgent;
import fr.maillage.agent.Sites;
import fr.maillage.agent.TestSubscriber;
import fr.maillage.contract.SessionEvent;
import fr.maillage.servers.LocalServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CliBesideRunningAgentIT {

    @Test
    @DisplayName("a session recorded by the CLI in a running agent's outbox is published by that agent")
    void cliRowsArePublished(@TempDir Path dir) throws Exception {
        String broker = LocalServers.forTests().mqttUri();
        String siteId = Sites.uniqueId("it-cli");
        Path data = dir.resolve("data");
        Path config = Files.writeString(dir.resolve("agent.yml"), """
                site:
                  id: %s
                  name: Cabine de Bar-le-Duc
                  kind: CABIN
                  inseeCode: "55029"
                mqtt:
                  uris: %s
                dataDir: %s
                """.formatted(siteId, broker, data));
        try (TestSubscriber backend = TestSubscriber.of(broker, siteId);
                SiteAgent agent = SiteAgent.start(AgentConfig.forSite(siteId, Sites.BAR_LE_DUC, broker, data))) {
            await().atMost(Duration.ofSeconds(20)).until(agent::isConnected);

            int code = AgentCommand.commandLine()
                    .execute("session", "start", "--config", config.toString(), "--professional", "NURSE");

            assertThat(code).isZero();
            await().atMost(Duration.ofSeconds(15)).until(() -> backend.sessions().stream()
                    .anyMatch(e -> e.type() == SessionEvent.Type.STARTED));
            assertThat(backend.sessions().getFirst().connSeq()).isEqualTo(backend.states().getFirst().connSeq());
            backend.clearRetained();
        }
    }
}
