package fr.maillage.agent.probe;

import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Times a TCP connection to the teleconsultation platform, then an HTTP request to it. Any HTTP answer
 * proves the link; a 5xx says the platform itself is failing, which the site feels the same way.
 */
final class LinkProbe implements Probe {

    private final LinkProbeConfig config;

    LinkProbe(LinkProbeConfig config) {
        this.config = config;
    }

    @Override
    public ProbeReading read() {
        URI url = config.url();
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        Map<String, Double> measurements = new HashMap<>();
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), (int) config.timeout().toMillis());
            measurements.put("tcpConnectMs", millisSince(started));
        } catch (IOException e) {
            return reading(Health.DOWN, "cannot connect to " + url.getHost() + ":" + port + ": " + e.getMessage(),
                    measurements);
        }
        if ("tcp".equals(url.getScheme())) {
            return judge(measurements.get("tcpConnectMs"), "TCP connection", measurements);
        }
        long requested = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(config.timeout()).GET().build();
            HttpResponse<Void> response = Http.CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
            double latency = millisSince(requested);
            measurements.put("httpLatencyMs", latency);
            measurements.put("httpStatus", (double) response.statusCode());
            if (response.statusCode() >= 500) {
                return reading(Health.DEGRADED, "platform answered HTTP " + response.statusCode(), measurements);
            }
            return judge(latency, "HTTP " + response.statusCode(), measurements);
        } catch (IOException e) {
            return reading(Health.DOWN, "no HTTP answer from " + url + ": " + e.getMessage(), measurements);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reading(Health.DOWN, "interrupted", measurements);
        }
    }

    private ProbeReading judge(double millis, String what, Map<String, Double> measurements) {
        Duration limit = config.degradedAbove();
        if (millis > limit.toMillis()) {
            return reading(Health.DEGRADED, what + " slow: " + Math.round(millis) + " ms (limit " + limit.toMillis()
                    + " ms)", measurements);
        }
        return reading(Health.OK, what + " in " + Math.round(millis) + " ms", measurements);
    }

    private static ProbeReading reading(Health health, String detail, Map<String, Double> measurements) {
        return new ProbeReading("link", DeviceKind.NETWORK_LINK, health, detail, measurements);
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000.0;
    }
}
