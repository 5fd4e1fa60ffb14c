package fr.maillage.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.Channel;
import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.StateMessage;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/sites} follows a site through its birth and its Will. */
@MicronautTest
class SitesApiIT extends RealServers {

    @Inject EmbeddedServer server;
    @Inject MqttIngestClient ingest;
    @Inject JsonMapper json;

    private Map<String, Object> listed(String siteId) throws Exception {
        var response = new Http(server.getURI()).get("/api/sites");
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> sites =
                json.readValue(response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        return sites.stream().filter(s -> siteId.equals(s.get("id"))).findFirst().orElse(Map.of());
    }

    @Test
    void siteIsListedOnlineAfterItsBirthAndOfflineAfterItsWill() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(ingest::isConnected);
        String site = siteId("api");
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publisher.publish(site, new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 3, 0,
                    ConnectionState.ONLINE,
                    new SiteDescriptor("Pharmacie de Joinville", SiteKind.PHARMACY, "52250", 48.44, 5.14), "t"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(listed(site))
                    .containsEntry("state", "ONLINE")
                    .containsEntry("kind", "PHARMACY")
                    .containsEntry("name", "Pharmacie de Joinville")
                    .containsEntry("inseeCode", "52250"));

            publisher.publish(site, new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 3, 0,
                    ConnectionState.OFFLINE, null, null));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(listed(site)).containsEntry("state", "OFFLINE"));
            publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
        }
    }

    @Test
    void unknownSiteIsANotFoundWithItsId() {
        var response = new Http(server.getURI()).get("/api/sites/no-such-site");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("no-such-site");
    }
}
