package fr.maillage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.servers.FreePort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
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
 * The broker ACL shipped in {@code deploy/mosquitto/acl}, on a real Mosquitto started for the test on a free
 * port: a site's credentials publish under its own id and nowhere else.
 */
class MosquittoAclIT {

    private static final Path ACL = Path.of("..", "deploy", "mosquitto", "acl");
    private Process broker;

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean installed(String command) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
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
        assumeThat(installed("mosquitto") && installed("mosquitto_passwd"))
                .as("Mosquitto is not installed: the ACL is checked where it is (CI)").isTrue();
        int port = FreePort.find();
        // Started as root, Mosquitto drops to its own user, which must be able to read what the test wrote.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path passwd = dir.resolve("passwd");
        for (List<String> user : List.of(List.of("55545-cabin-1", "site-a-secret"),
                List.of("52121-pharmacy-1", "site-b-secret"), List.of("maillage-backend", "backend-secret"))) {
            List<String> command = new java.util.ArrayList<>(List.of("mosquitto_passwd"));
            if (!Files.exists(passwd)) {
                command.add("-c");
            }
            command.addAll(List.of("-b", passwd.toString(), user.get(0), user.get(1)));
            run(command.toArray(String[]::new));
        }
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
                .until(() -> connect(port, "maillage-backend", "backend-secret").isConnected());

        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient backend = connect(port, "maillage-backend", "backend-secret");
        backend.subscribe(new MqttSubscription[] {new MqttSubscription("maillage/v1/site/+/session", 1)},
                new IMqttMessageListener[] {(topic, message) -> received.add(topic)});
        MqttClient siteA = connect(port, "55545-cabin-1", "site-a-secret");

        siteA.publish("maillage/v1/site/55545-cabin-1/session", new MqttMessage("own".getBytes(), 1, false, null));
        try {
            siteA.publish("maillage/v1/site/52121-pharmacy-1/session",
                    new MqttMessage("spoofed".getBytes(), 1, false, null));
        } catch (MqttException refused) {
            // MQTT 5: the broker may answer the PUBACK with "not authorized"; either way nothing is delivered.
        }
        siteA.publish("maillage/v1/site/55545-cabin-1/session", new MqttMessage("own-2".getBytes(), 1, false, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
        assertThat(received).containsExactly(
                "maillage/v1/site/55545-cabin-1/session", "maillage/v1/site/55545-cabin-1/session");
        assertThat(connectFails(port, "55545-cabin-1", "wrong-password")).isTrue();
    }

    private boolean connectFails(int port, String user, String password) {
        try {
            connect(port, user, password).disconnect();
            return false;
        } catch (MqttException e) {
            return true;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
