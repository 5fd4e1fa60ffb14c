package fr.maillage.agent.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Mosquitto process of the test's own, on a free loopback port, with persistence on: stopping it
 * (SIGTERM) writes its sessions and queued messages to disk, starting it again on the same configuration
 * reads them back. The machine's shared Mosquitto is never touched.
 */
public final class MosquittoBroker implements RestartableBroker {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path home;
    private final Path conf;
    private final int port;
    private final String scheme;
    private Process process;
    private int starts;

    private MosquittoBroker(Path home, Path conf, int port, String scheme) {
        this.home = home;
        this.conf = conf;
        this.port = port;
        this.scheme = scheme;
    }

    public static boolean installed() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "mosquitto")));
    }

    /**
     * Starts Mosquitto on {@code port}, keeping its files under {@code home}. {@code listenerOptions} go under
     * the listener line (certificates, {@code require_certificate}…); any of them makes the URI {@code ssl://}.
     */
    public static MosquittoBroker start(Path home, int port, List<String> listenerOptions) {
        try {
            Path data = Files.createDirectories(home.resolve("mosquitto-data"));
            List<String> lines = new ArrayList<>(List.of(
                    // Started as root it would switch to the mosquitto user, who cannot write the test's folders.
                    "user " + System.getProperty("user.name"),
                    "persistence true",
                    "persistence_location " + data + "/",
                    "autosave_interval 0",
                    // Well above Debian's defaults (20 in flight, 1000 queued): bursts are queued, never dropped.
                    "max_inflight_messages 1000",
                    "max_queued_messages 100000",
                    "log_dest stdout",
                    "log_type error",
                    "log_type warning",
                    "log_type notice",
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous true"));
            lines.addAll(listenerOptions);
            Path conf = home.resolve("mosquitto.conf");
            Files.write(conf, lines);
            MosquittoBroker broker = new MosquittoBroker(home, conf, port, listenerOptions.isEmpty() ? "tcp" : "ssl");
            broker.restart();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Mosquitto under " + home, e);
        }
    }

    @Override
    public String uri() {
        return scheme + "://127.0.0.1:" + port;
    }

    @Override
    public void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Mosquitto is already running on port " + port);
        }
        try {
            starts++;
            process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("mosquitto-" + starts + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto", e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!listening()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Mosquitto did not start on port " + port + ": " + log());
            }
            sleep(50);
        }
    }

    @Override
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("Mosquitto did not stop on SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return "Mosquitto (own process, port " + port + ")";
    }

    /** What the broker wrote so far in its current run. */
    public String log() {
        try {
            return Files.readString(home.resolve("mosquitto-" + starts + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Mosquitto", e);
        }
    }
}
