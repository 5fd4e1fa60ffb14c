package fr.maillage.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttClientFactoryTest {

    @Test
    @DisplayName("connection options: persistent session, retained QoS 1 Will, no automatic reconnect")
    void options() {
        MqttConnectionOptions options = new MqttClientFactory(BrokerConfig.of("tcp://127.0.0.1:1883"))
                .options("maillage/v1/site/s-1/state", new byte[] {'{', '}'});
        assertThat(options.isCleanStart()).isFalse();
        assertThat(options.getSessionExpiryInterval()).isEqualTo(Duration.ofDays(7).toSeconds());
        assertThat(options.isAutomaticReconnect()).isFalse();
        assertThat(options.getWillDestination()).isEqualTo("maillage/v1/site/s-1/state");
        assertThat(options.getWillMessage().isRetained()).isTrue();
        assertThat(options.getWillMessage().getQos()).isEqualTo(1);
    }

    @Test
    @DisplayName("a CA file that holds no certificate is refused with its name")
    void badCertificate(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        BrokerConfig defaults = BrokerConfig.of("ssl://broker.example:8883");
        BrokerConfig tls = new BrokerConfig(List.of("ssl://broker.example:8883"), "site", "secret", pem, null,
                defaults.keepAlive(), defaults.sessionExpiry(), defaults.connectTimeout(), defaults.reconnect(), 16);
        assertThatThrownBy(() -> new MqttClientFactory(tls))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ca.pem");
        assertThat(tls.toString()).doesNotContain("secret");
    }

    @Test
    @DisplayName("broker URIs must be tcp/ssl/ws/wss with a host")
    void badUri() {
        assertThatThrownBy(() -> BrokerConfig.of("http://broker:1883")).hasMessageContaining("tcp://host:1883");
        assertThatThrownBy(() -> BrokerConfig.of("broker:1883")).isInstanceOf(IllegalArgumentException.class);
    }
}
