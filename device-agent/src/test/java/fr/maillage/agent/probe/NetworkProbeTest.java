package fr.maillage.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import fr.maillage.servers.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NetworkProbeTest {

    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> respond(exchange, 200, "UP\nversion 4.2"));
        server.createContext("/sick", exchange -> respond(exchange, 503, "database unreachable"));
        server.createContext("/slow", exchange -> {
            sleep(1_500);
            respond(exchange, 200, "late");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    @DisplayName("health URL: 2xx OK with its first line, 5xx DEGRADED, nobody listening DOWN")
    void httpHealth() {
        ProbeReading up = health(base + "/health").read();
        assertThat(up.health()).isEqualTo(Health.OK);
        assertThat(up.detail()).isEqualTo("HTTP 200: UP");
        assertThat(up.kind()).isEqualTo(DeviceKind.CABIN_SOFTWARE);
        assertThat(up.measurements()).containsKeys("latencyMs", "httpStatus");

        assertThat(health(base + "/sick").read().health()).isEqualTo(Health.DEGRADED);
        assertThat(health("http://127.0.0.1:" + FreePort.find() + "/health").read().health()).isEqualTo(Health.DOWN);
    }

    @Test
    @DisplayName("link: timed TCP connect and HTTP request; slow answers DEGRADED; refused DOWN")
    void link() {
        // The first request of a cold JVM loads the HTTP client; time only a warm one.
        health(base + "/health").read();
        ProbeReading fast = new LinkProbeConfig(URI.create(base + "/health"), Duration.ofSeconds(3),
                Duration.ofMillis(1_000)).create().read();
        assertThat(fast.health()).isEqualTo(Health.OK);
        assertThat(fast.measurements()).containsKeys("tcpConnectMs", "httpLatencyMs");

        ProbeReading slow = new LinkProbeConfig(URI.create(base + "/slow"), Duration.ofSeconds(3),
                Duration.ofMillis(1_000)).create().read();
        assertThat(slow.health()).isEqualTo(Health.DEGRADED);
        assertThat(slow.detail()).contains("slow");

        ProbeReading refused = new LinkProbeConfig(URI.create("tcp://127.0.0.1:" + FreePort.find()),
                Duration.ofSeconds(1), null).create().read();
        assertThat(refused.health()).isEqualTo(Health.DOWN);
    }

    @Test
    @DisplayName("link over tcp:// only times the connection")
    void tcpLink() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ProbeReading reading = new LinkProbeConfig(
                    URI.create("tcp://127.0.0.1:" + listener.getLocalPort()), Duration.ofSeconds(1), null)
                    .create().read();
            assertThat(reading.health()).isEqualTo(Health.OK);
            assertThat(reading.measurements()).containsOnlyKeys("tcpConnectMs");
        }
    }

    @Test
    @DisplayName("command: exit 0 OK, 1 DEGRADED, 2 DOWN, first output line as detail, timeout DOWN")
    void command() {
        assertThat(command("echo 'printer ready'; echo more").read())
                .extracting(ProbeReading::health, ProbeReading::detail)
                .containsExactly(Health.OK, "printer ready");
        assertThat(command("echo 'paper low'; exit 1").read().health()).isEqualTo(Health.DEGRADED);
        ProbeReading down = command("exit 2").read();
        assertThat(down.health()).isEqualTo(Health.DOWN);
        assertThat(down.measurements()).containsEntry("exitCode", 2.0);
        assertThat(new CommandProbeConfig("stuck", List.of("sleep", "5"), Duration.ofMillis(200), null)
                .create().read().health()).isEqualTo(Health.DOWN);
        assertThat(new CommandProbeConfig("missing", List.of("/no/such/program"), null, null)
                .create().read().health()).isEqualTo(Health.DOWN);
    }

    private static Probe health(String url) {
        return new HttpHealthProbeConfig("cabin-software", URI.create(url), Duration.ofSeconds(2), null).create();
    }

    private static Probe command(String script) {
        return new CommandProbeConfig("printer", List.of("sh", "-c", script), Duration.ofSeconds(5), null).create();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
