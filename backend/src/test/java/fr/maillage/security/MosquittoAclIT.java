package fr.maillage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.maillage.servers.FreePort;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-site broker identities end to end: the admin API issues credentials, writes the Mosquitto password file, and
 * a real Mosquitto started on a free port with that file and the ACL shipped in {@code deploy/mosquitto/acl} lets a
 * site publish under its own id only, and refuses a wrong password.
 */
@MicronautTest
class MosquittoAclIT extends RealServers {

    private static final Path ACL = Path.of("..", "deploy", "mosquitto", "acl");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject EmbeddedServer server;
    private Process broker;

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Issues credentials through the admin API and returns the password, shown this once. */
    private String issue(String username) throws IOException {
        var response = new Http(server.getURI()).send(HttpRequest.newBuilder(
                server.getURI().resolve("/api/admin/mqtt/credentials/" + username)).PUT(BodyPublishers.noBody()));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return JSON.readTree(response.body()).path("password").asText();
    }

    private MqttClient connect(int port, String user, String password) throws MqttException {
        var client = new MqttClient("tcp://127.0.0.1:" + port, user + "-" + System.nanoTime(), new MemoryPersistence());
        var options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        client.connect(options);
        return client;
    }

    @Test
    void siteCanPublishOnlyUnderItsOwnId(@TempDir Path dir) throws Exception {
        String siteA = "55545-cabin-" + runId;
        String siteB = "52121-pharmacy-" + runId;
        String passwordA = issue(siteA);
        issue(siteB);
        String backendPassword = issue("maillage-backend");
        int port = FreePort.find();
        // Started as root, Mosquitto drops to its own user, which must be able to read what the test wrote.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path passwd = dir.resolve("passwd");
        var file = new Http(server.getURI()).get("/api/admin/mqtt/passwd");
        assertThat(file.statusCode()).isEqualTo(200);
        Files.writeString(passwd, file.body());
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous false",
                "password_file " + passwd,
                "acl_file " + ACL.toAbsolutePath().normalize(),
                ""));
        broker = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> connect(port, "maillage-backend", backendPassword).isConnected());

        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient backend = connect(port, "maillage-backend", backendPassword);
        backend.subscribe(new MqttSubscription[] {new MqttSubscription("maillage/v1/site/+/session", 1)},
                new IMqttMessageListener[] {(topic, message) -> received.add(topic)});
        MqttClient site = connect(port, siteA, passwordA);

        site.publish("maillage/v1/site/" + siteA + "/session", new MqttMessage("own".getBytes(), 1, false, null));
        try {
            site.publish("maillage/v1/site/" + siteB + "/session",
                    new MqttMessage("spoofed".getBytes(), 1, false, null));
        } catch (MqttException refused) {
            // MQTT 5: the broker may answer the PUBACK with "not authorized"; either way nothing is delivered.
        }
        site.publish("maillage/v1/site/" + siteA + "/session", new MqttMessage("own-2".getBytes(), 1, false, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
        assertThat(received).containsExactly(
                "maillage/v1/site/" + siteA + "/session", "maillage/v1/site/" + siteA + "/session");
        assertThat(connectFails(port, siteA, "wrong-password")).isTrue();
        assertThat(connectFails(port, siteB, passwordA)).as("a site's password opens no other account").isTrue();
    }

    private boolean connectFails(int port, String user, String password) {
        try {
            connect(port, user, password).disconnect();
            return false;
        } catch (MqttException e) {
            return true;
        }
    }
}
