package fr.maillage.ingest;

import fr.maillage.servers.FreePort;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * A Mosquitto of the test's own on a free port, configured as {@code deploy/mosquitto/mosquitto.conf} is for
 * production (in-flight and queue limits raised), so that a burst or a subscriber away for a while loses nothing —
 * Debian's default configuration drops QoS 1 messages beyond 1,000 queued for a client.
 */
public final class OwnBroker implements AutoCloseable {

    private final Process process;
    private final String uri;

    private OwnBroker(Process process, String uri) {
        this.process = process;
        this.uri = uri;
    }

    public static boolean installed() {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "mosquitto")));
    }

    /** Starts the broker, keeping its configuration and log in {@code dir}. */
    public static OwnBroker start(Path dir) throws IOException, InterruptedException {
        int port = FreePort.find();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "max_inflight_messages 1000",
                "max_queued_messages 200000",
                "persistence false",
                ""));
        Process process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new OwnBroker(process, "tcp://127.0.0.1:" + port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("mosquitto did not listen on " + port + ", see " + dir.resolve("mosquitto.log"));
    }

    public String uri() {
        return uri;
    }

    /** The broker's process id, to read its CPU time. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
