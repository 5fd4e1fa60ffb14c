package fr.maillage.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The fallback that a bare laptop uses: embedded PostgreSQL and broker, real on the wire. */
class EmbeddedServersIT {

    @Test
    @Timeout(180)
    void embeddedPostgresAndBrokerServeRealClients(@TempDir Path home) throws Exception {
        var none = new ServerSettings(Optional.empty(), "postgres", "", Optional.empty());
        try (LocalServers servers = LocalServers.forDemo(none, home)) {
            assertThat(servers.postgres().origin()).isEqualTo(Origin.EMBEDDED);
            String url = servers.postgres().createDatabase("embedded_check");
            try (var c = DriverManager.getConnection(url, "postgres", "");
                    var rs = c.createStatement().executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("embedded_check_");
            }
            servers.postgres().dropDatabase(url);

            assertThat(servers.brokerOrigin()).isEqualTo(Origin.EMBEDDED);
            var received = new CompletableFuture<String>();
            var client = new MqttClient(servers.mqttUri(), "embedded-check", new MemoryPersistence());
            client.connect();
            // Paho 1.2.5's subscribe(String, int, listener) recurses forever: use the array form.
            client.subscribe(
                    new MqttSubscription[] {new MqttSubscription("check/#", 1)},
                    new IMqttMessageListener[] {(topic, message) ->
                            received.complete(new String(message.getPayload(), StandardCharsets.UTF_8))});
            client.publish("check/one", new MqttMessage("hello".getBytes(StandardCharsets.UTF_8), 1, false, null));
            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
            client.disconnect();
            client.close();
        }
    }
}
