package fr.maillage.fleet.alert;

import fr.maillage.fleet.FleetMetrics;
import fr.maillage.fleet.incident.AlertConfiguration;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs the alert as JSON, signed so the receiver can tell it comes from this backend and was not replayed long
 * after: {@value #SIGNATURE} is {@code sha256=} and the hex HMAC-SHA256, keyed with the webhook secret, of
 * the {@value #TIMESTAMP} header's value, a dot, and the body. Any answer but 2xx is a failure to retry.
 */
@Singleton
class WebhookSender implements Sender {

    static final String SIGNATURE = "X-Maillage-Signature";
    static final String TIMESTAMP = "X-Maillage-Timestamp";
    static final String DELIVERY = "X-Maillage-Delivery";
    private static final String HMAC = "HmacSHA256";

    private final AlertConfiguration configuration;
    private final Clock clock;
    private final HttpClient client;

    WebhookSender(AlertConfiguration configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(configuration.sendTimeout()).build();
    }

    @Override
    public FleetMetrics.Channel channel() {
        return FleetMetrics.Channel.WEBHOOK;
    }

    @Override
    public void send(long deliveryId, String target, String payload) throws IOException, InterruptedException {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                .timeout(configuration.sendTimeout())
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, timestamp)
                .header(DELIVERY, Long.toString(deliveryId))
                .header(SIGNATURE, signature(configuration.webhookSecret(), timestamp, payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook answered HTTP " + response.statusCode());
        }
    }

    /** What a receiver recomputes to check a delivery. */
    static String signature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
