package fr.maillage.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.maillage.agent.outbox.OutboxLimits;
import fr.maillage.agent.probe.CommandProbeConfig;
import fr.maillage.agent.probe.HttpHealthProbeConfig;
import fr.maillage.agent.probe.LinkProbeConfig;
import fr.maillage.agent.probe.UsbProbeConfig;
import fr.maillage.agent.probe.VideoProbeConfig;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.SiteKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    private static final String MINIMAL = """
            site:
              id: 55029-cabin-1
              name: Cabine de Bar-le-Duc
              kind: CABIN
              inseeCode: "55029"
            mqtt:
              uris: tcp://127.0.0.1:1883
            dataDir: /tmp/agent
            """;

    @TempDir
    Path dir;

    @Test
    @DisplayName("the shipped example file loads with every probe kind")
    void exampleLoads() throws IOException {
        Path example = dir.resolve("agent.yml");
        String text = Files.readString(Path.of("agent.example.yml"))
                .replace("  passwordFile: /etc/maillage/mqtt-password", "  password: secret")
                .replace("  caCertificate: /etc/maillage/ca.pem", "");
        Files.writeString(example, text);

        SiteConfiguration config = ConfigFile.load(example);

        assertThat(config.agent().siteId()).isEqualTo("55029-cabin-1");
        assertThat(config.agent().site().kind()).isEqualTo(SiteKind.CABIN);
        assertThat(config.agent().broker().uris()).hasSize(2);
        assertThat(config.agent().broker().password()).isEqualTo("secret");
        assertThat(config.agent().broker().reconnect().max()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.agent().disk().degradedBelowBytes()).isEqualTo(500_000_000L);
        assertThat(config.agent().probes()).hasExactlyElementsOfTypes(UsbProbeConfig.class, UsbProbeConfig.class,
                VideoProbeConfig.class, LinkProbeConfig.class, HttpHealthProbeConfig.class, CommandProbeConfig.class);
        assertThat(((CommandProbeConfig) config.agent().probes().get(5)).command())
                .containsExactly("lpstat", "-p", "ordonnances");
        assertThat(config.form().port()).isEqualTo(8731);
        assertThat(config.agent().outbox()).isEqualTo(new OutboxLimits(100_000, 128L * 1024 * 1024));
    }

    @Test
    @DisplayName("a minimal file takes the documented defaults")
    void defaults() throws IOException {
        SiteConfiguration config = ConfigFile.load(write(MINIMAL));
        assertThat(config.agent().heartbeat()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.agent().broker().uris()).containsExactly("tcp://127.0.0.1:1883");
        assertThat(config.agent().probes()).isEmpty();
        assertThat(config.form().enabled()).isTrue();
    }

    @Test
    @DisplayName("an unknown key is refused with its line and full name")
    void unknownKey() throws IOException {
        Path file = write(MINIMAL.replace("  uris: tcp://127.0.0.1:1883", "  uris: tcp://127.0.0.1:1883\n  keepalive: 30s"));
        assertThatThrownBy(() -> ConfigFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 8")
                .hasMessageContaining("mqtt.keepalive")
                .hasMessageContaining("unknown key");
    }

    @Test
    @DisplayName("a value of the wrong type is refused with its line, key and what was expected")
    void wrongType() throws IOException {
        Path file = write(MINIMAL + "heartbeat: 30x\n");
        assertThatThrownBy(() -> ConfigFile.load(file))
                .hasMessageContaining("line 9")
                .hasMessageContaining("heartbeat")
                .hasMessageContaining("'30x' is not a duration");
    }

    @Test
    @DisplayName("a missing required key is named, with the line of its section")
    void missing() throws IOException {
        Path file = write(MINIMAL.replace("  kind: CABIN\n", ""));
        assertThatThrownBy(() -> ConfigFile.load(file))
                .hasMessageContaining("line 2")
                .hasMessageContaining("site.kind")
                .hasMessageContaining("missing required key");
    }

    @Test
    @DisplayName("an unquoted INSEE code that lost its leading zero, or a bad site id, is refused")
    void badValues() throws IOException {
        assertThatThrownBy(() -> ConfigFile.load(write(MINIMAL.replace("\"55029\"", "1001"))))
                .hasMessageContaining("line 5").hasMessageContaining("site.inseeCode");
        assertThatThrownBy(() -> ConfigFile.load(write(MINIMAL.replace("55029-cabin-1", "Cabin 1"))))
                .hasMessageContaining("line 2").hasMessageContaining("site.id");
        assertThatThrownBy(() -> ConfigFile.load(write(MINIMAL.replace("kind: CABIN", "kind: KIOSK"))))
                .hasMessageContaining("line 4").hasMessageContaining("one of [CABIN");
    }

    @Test
    @DisplayName("a record's own rule is reported at its section: probe interval above the heartbeat")
    void crossFieldRule() throws IOException {
        Path file = write(MINIMAL + "heartbeat: 10s\nprobeInterval: 1m\n");
        assertThatThrownBy(() -> ConfigFile.load(file)).hasMessageContaining("probe interval");
        Path usb = write(MINIMAL + "probes:\n  usb:\n    devices:\n      - id: \"zz:1\"\n        kind: CAMERA\n");
        assertThatThrownBy(() -> ConfigFile.load(usb))
                .hasMessageContaining("line 12")
                .hasMessageContaining("probes.usb.devices[0]")
                .hasMessageContaining("vendor:product");
    }

    @Test
    @DisplayName("broken YAML and duplicate keys are refused with their line")
    void brokenYaml() throws IOException {
        assertThatThrownBy(() -> ConfigFile.load(write(MINIMAL + "probes: [unclosed\n")))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigFile.load(write(MINIMAL + "dataDir: /other\n")))
                .hasMessageContaining("line 9").hasMessageContaining("twice");
    }

    @Test
    @DisplayName("a list of URIs and a kind written in lowercase are accepted")
    void lenientWhereUnambiguous() throws IOException {
        Path file = write(MINIMAL.replace("  uris: tcp://127.0.0.1:1883", "  uris: [tcp://a:1883, tcp://b:1883]")
                + "probes:\n  http:\n    - id: cabin\n      url: http://127.0.0.1:9/health\n      kind: cabin-software\n");
        SiteConfiguration config = ConfigFile.load(file);
        assertThat(config.agent().broker().uris()).isEqualTo(List.of("tcp://a:1883", "tcp://b:1883"));
        assertThat(((HttpHealthProbeConfig) config.agent().probes().getFirst()).kind()).isEqualTo(DeviceKind.CABIN_SOFTWARE);
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "agent", ".yml");
        return Files.writeString(file, yaml);
    }

    @Test
    @DisplayName("a client keystore and a PEM client certificate together are refused, naming the key")
    void oneClientIdentityForm() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.yml"), MINIMAL.replace("  uris: tcp://127.0.0.1:1883\n", """
                  uris: ssl://127.0.0.1:8883
                  clientKeystore: %s
                  clientCertificate: %s
                  clientKey: %s
                """.formatted(dir.resolve("c.p12"), dir.resolve("c.pem"), dir.resolve("c.key"))));
        assertThatThrownBy(() -> ConfigFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.clientKeystore")
                .hasMessageContaining("not both");
    }

    @Test
    @DisplayName("a PEM client certificate without its key is refused, naming the missing key")
    void clientCertificateNeedsItsKey() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.yml"), MINIMAL.replace("  uris: tcp://127.0.0.1:1883\n", """
                  uris: ssl://127.0.0.1:8883
                  clientCertificate: %s
                """.formatted(dir.resolve("c.pem"))));
        assertThatThrownBy(() -> ConfigFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.clientKey");
    }

    @Test
    @DisplayName("a traditional (PKCS#1) client key is refused with the line and how to convert it")
    void clientKeyMustBePkcs8() throws IOException {
        Path key = Files.writeString(dir.resolve("c.key"), "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n"
                + "-----END RSA PRIVATE KEY-----\n");
        Path file = Files.writeString(dir.resolve("agent.yml"), MINIMAL.replace("  uris: tcp://127.0.0.1:1883\n", """
                  uris: ssl://127.0.0.1:8883
                  clientCertificate: %s
                  clientKey: %s
                """.formatted(dir.resolve("c.pem"), key)));
        assertThatThrownBy(() -> ConfigFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 8")
                .hasMessageContaining("openssl pkcs8 -topk8");
    }
}
