package fr.maillage.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.agent.broker.MosquittoBroker;
import fr.maillage.agent.config.ConfigFile;
import fr.maillage.agent.mqtt.BrokerConfig;
import fr.maillage.agent.mqtt.MqttClientFactory;
import fr.maillage.contract.SessionEvent;
import fr.maillage.servers.FreePort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS against a real Mosquitto that requires client certificates ({@code require_certificate true}),
 * with a CA, a server and a client certificate made by {@code openssl} for the test: the agent connects with
 * its certificate (PEM or PKCS#12) and publishes; a client without one is refused.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsIT {

    private static final String KEYSTORE_PASSWORD = "p12-secret";

    private Path dir;

    private MosquittoBroker broker;

    @BeforeAll
    void startBroker(@TempDir Path certificates) throws Exception {
        dir = certificates;
        assumeThat(MosquittoBroker.installed() && installed("openssl"))
                .as("Mosquitto and openssl are needed; CI has both")
                .isTrue();
        openssl("req", "-x509", "-newkey", "rsa:2048", "-noenc", "-days", "2", "-subj", "/CN=Maillage test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        signed("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        signed("client", "/CN=55029-cabin-1", "extendedKeyUsage=clientAuth\n");
        openssl("pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:" + KEYSTORE_PASSWORD);
        broker = MosquittoBroker.start(dir.resolve("broker"), FreePort.find(), List.of(
                "cafile " + dir.resolve("ca.pem"),
                "certfile " + dir.resolve("server.pem"),
                "keyfile " + dir.resolve("server.key"),
                "require_certificate true"));
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("with its PEM certificate and key (agent.yml) the agent connects and its events are acknowledged")
    void pemIdentityConnects(@TempDir Path data) throws IOException {
        connectsAndPublishes(data, """
                  clientCertificate: %s
                  clientKey: %s
                """.formatted(dir.resolve("client.pem"), dir.resolve("client.key")));
    }

    @Test
    @DisplayName("with its PKCS#12 keystore (agent.yml) the agent connects and its events are acknowledged")
    void pkcs12IdentityConnects(@TempDir Path data) throws IOException {
        Path password = Files.writeString(data.resolve("p12.password"), KEYSTORE_PASSWORD + "\n");
        connectsAndPublishes(data, """
                  clientKeystore: %s
                  clientKeystorePasswordFile: %s
                """.formatted(dir.resolve("client.p12"), password));
    }

    @Test
    @DisplayName("without a client certificate the broker refuses the connection")
    void noClientCertificateIsRefused() throws Exception {
        MqttClientFactory factory = new MqttClientFactory(tls(dir.resolve("ca.pem")));
        MqttAsyncClient client = factory.client(broker.uri(), "no-certificate-" + UUID.randomUUID());
        try {
            assertThatThrownBy(() -> client.connect(factory.options("maillage/v1/site/x/state", new byte[0]))
                            .waitForCompletion(10_000))
                    .isInstanceOf(MqttException.class);
            assertThat(client.isConnected()).isFalse();
        } finally {
            client.close(true);
        }
    }

    /** Loads an agent.yml whose mqtt section ends with {@code identity}, as an operator would write it. */
    private void connectsAndPublishes(Path data, String identity) throws IOException {
        String siteId = Sites.uniqueId("it-mtls");
        Path file = Files.writeString(data.resolve("agent.yml"), """
                site:
                  id: %s
                  name: Cabine de Bar-le-Duc
                  kind: CABIN
                  inseeCode: "55029"
                mqtt:
                  uris: %s
                  caCertificate: %s
                  connectTimeout: 5s
                %sdataDir: %s
                """.formatted(siteId, broker.uri(), dir.resolve("ca.pem"), identity, data.resolve("outbox")));
        AgentConfig config = ConfigFile.load(file).agent();
        assertThat(config.broker().clientIdentity()).isNotNull();
        try (SiteAgent agent = SiteAgent.start(config)) {
            await().atMost(Duration.ofSeconds(20)).until(agent::isConnected);
            agent.record(SessionEvent.Type.STARTED, UUID.randomUUID(), Sites.completed());
            await().atMost(Duration.ofSeconds(20)).until(() -> agent.pendingEvents() == 0);
        }
    }

    private BrokerConfig tls(Path ca) {
        BrokerConfig defaults = BrokerConfig.of(broker.uri());
        return new BrokerConfig(defaults.uris(), null, null, ca, null, defaults.keepAlive(),
                defaults.sessionExpiry(), Duration.ofSeconds(5), defaults.reconnect(), defaults.maxInFlight());
    }

    /** A key and a certificate for {@code subject}, signed by the test CA, with the given extensions. */
    private void signed(String name, String subject, String extensions) throws Exception {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl("req", "-newkey", "rsa:2048", "-noenc", "-subj", subject, "-keyout", name + ".key", "-out",
                name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean installed(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
