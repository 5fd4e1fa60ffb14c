package fr.maillage.agent.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.agent.TestSubscriber;
import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteTopic;
import fr.maillage.servers.LocalServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class FleetSimulatorIT {

    @Test
    @DisplayName("every virtual site is born on the broker and the fleet produces valid sessions")
    void fleetPublishesBirthsAndSessions(@TempDir Path work) throws Exception {
        String broker = LocalServers.forTests().mqttUri();
        long seed = System.nanoTime();
        try (TestSubscriber backend = TestSubscriber.ofAllSites(broker);
                FleetSimulator fleet = FleetSimulator.start(new SimulationSettings(broker, 6, 20_000, seed, work))) {
            List<String> ids = fleet.siteIds();
            assertThat(ids).hasSize(6).allMatch(id -> SiteTopic.SITE_ID.matcher(id).matches());
            await().atMost(Duration.ofSeconds(30)).until(() -> born(backend, ids).containsAll(ids));
            await().atMost(Duration.ofSeconds(60)).until(() -> sessions(backend, ids).stream()
                    .anyMatch(e -> e.type() == SessionEvent.Type.COMPLETED));
            assertThat(backend.rejected()).isEmpty();
            fleet.close();
            for (String id : ids) {
                backend.clearRetained(id);
            }
        }
    }

    private static Set<String> born(TestSubscriber backend, List<String> ids) {
        Set<String> born = new HashSet<>();
        backend.states().stream()
                .filter(s -> s.state() == ConnectionState.ONLINE && ids.contains(s.siteId()))
                .forEach(s -> born.add(s.siteId()));
        return born;
    }

    private static List<SessionEvent> sessions(TestSubscriber backend, List<String> ids) {
        return backend.sessions().stream().filter(e -> ids.contains(e.siteId())).toList();
    }
}
