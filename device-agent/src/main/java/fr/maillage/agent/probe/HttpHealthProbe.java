package fr.maillage.agent.probe;

import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Asks a health URL: 2xx is OK, another status DEGRADED (it answers but says it is unwell), no answer DOWN. */
final class HttpHealthProbe implements Probe {

    private final HttpHealthProbeConfig config;

    HttpHealthProbe(HttpHealthProbeConfig config) {
        this.config = config;
    }

    @Override
    public ProbeReading read() {
        long started = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(config.url()).timeout(config.timeout()).GET().build();
            HttpResponse<String> response = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            double latency = (System.nanoTime() - started) / 1_000_000.0;
            Map<String, Double> measurements =
                    Map.of("latencyMs", latency, "httpStatus", (double) response.statusCode());
            int status = response.statusCode();
            String body = firstLine(response.body());
            Health health = status / 100 == 2 ? Health.OK : Health.DEGRADED;
            return reading(health, "HTTP " + status + (body.isEmpty() ? "" : ": " + body), measurements);
        } catch (IOException e) {
            return reading(Health.DOWN, "no answer from " + config.url() + ": " + e.getMessage(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reading(Health.DOWN, "interrupted", Map.of());
        }
    }

    private ProbeReading reading(Health health, String detail, Map<String, Double> measurements) {
        return new ProbeReading(config.id(), config.kind(), health, detail, measurements);
    }

    /** The detail field is limited by the schema; the first line of a health body is what matters. */
    static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
