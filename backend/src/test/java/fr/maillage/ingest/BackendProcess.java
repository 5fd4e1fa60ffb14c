package fr.maillage.ingest;

import fr.maillage.Application;
import fr.maillage.servers.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A backend instance in a JVM of its own, started from the test classpath, so a test can kill it as a crash
 * would: {@link #kill()} is SIGKILL — no MQTT DISCONNECT, no commit of the batch in hand.
 */
public final class BackendProcess implements AutoCloseable {

    /** Start-up validates the FHIR profiles (snapshots included): minutes on a loaded 2-core machine. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(8);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private BackendProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts an instance with {@code properties} as system properties; call {@link #awaitReady()} before relying
     * on it.
     *
     * @param jvmOptions heap size and the like
     */
    public static BackendProcess start(String name, Map<String, String> properties, Path logDir,
            List<String> jvmOptions) throws IOException {
        int port = FreePort.find();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dmicronaut.server.port=" + port);
        command.add(Application.class.getName());
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new BackendProcess(name, process, port, log);
    }

    /** Waits until the instance reports ready: its database migrated and its broker connection up. */
    public BackendProcess awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + READY_TIMEOUT + ", see " + log);
    }

    public int port() {
        return port;
    }

    /** The operating system's id of the instance's JVM, to read its CPU time. */
    public long pid() {
        return process.pid();
    }

    /** Kills the instance at once, as a crash or an OOM kill would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
