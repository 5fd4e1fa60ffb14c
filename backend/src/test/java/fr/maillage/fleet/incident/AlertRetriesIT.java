package fr.maillage.fleet.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import fr.maillage.contract.Channel;
import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.StateMessage;
import fr.maillage.fleet.FleetMetrics;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A webhook receiver that always answers 503: the notification of an incident is retried after 2 s, then 4 s
 * (the delay doubles), given up after the third attempt, and every failed attempt is counted.
 */
@MicronautTest
class AlertRetriesIT extends RealServers {

    static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    static final int MAX_ATTEMPTS = 3;

    /** A delivery attempt as received. */
    record Attempt(Instant at, String body) {}

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private HttpServer webhook;

    @Inject MqttIngestClient ingest;
    @Inject MeterRegistry meters;
    @Inject Notifications notifications;

    @Override
    public Map<String, String> getProperties() {
        try {
            webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        webhook.createContext("/hook", exchange -> {
            attempts.add(new Attempt(Instant.now(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        webhook.start();
        var properties = new HashMap<>(super.getProperties());
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("maillage.fleet.opening-hours-cabin", "Mon-Sun 00:00-24:00");
        properties.put("maillage.fleet.alerts.evaluation-interval", "200ms");
        properties.put("maillage.fleet.alerts.dispatch-interval", "100ms");
        properties.put("maillage.fleet.alerts.offline-after", "1s");
        properties.put("maillage.fleet.alerts.retry-delay", RETRY_DELAY.toMillis() + "ms");
        properties.put("maillage.fleet.alerts.max-attempts", Integer.toString(MAX_ATTEMPTS));
        properties.put("maillage.fleet.alerts.webhook-urls",
                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        properties.put("maillage.fleet.alerts.webhook-secret", "retries-secret");
        return properties;
    }

    @AfterAll
    void stop() {
        webhook.stop(0);
    }

    /** The stored notifications of a site's incidents. */
    @Singleton
    static class Notifications {
        private final JdbcOperations jdbc;

        Notifications(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        /** "attempts/given up/last error" of each. */
        @Transactional(readOnly = true)
        List<String> of(String siteId) {
            return jdbc.prepareStatement("""
                    SELECT n.attempts, n.failed_at IS NOT NULL, n.sent_at IS NOT NULL, n.last_error
                    FROM alert_notification n JOIN incident i ON i.id = n.incident_id
                    WHERE i.site_id = ? AND n.channel = 'WEBHOOK' ORDER BY n.id""", ps -> {
                ps.setString(1, siteId);
                List<String> rows = new java.util.ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getInt(1) + "/failed=" + rs.getBoolean(2) + "/sent=" + rs.getBoolean(3) + "/"
                                + rs.getString(4));
                    }
                }
                return rows;
            });
        }
    }

    private double failedCount() {
        return meters.get(FleetMetrics.NOTIFICATIONS).tag("channel", "webhook").tag("outcome", "failed").counter()
                .count();
    }

    @Test
    void refusedWebhookIsRetriedWithDoublingDelaysThenGivenUpAndCounted() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(ingest::isConnected);
        double failedBefore = failedCount();
        String site = siteId("retries");
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publisher.publish(site, new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 0,
                    ConnectionState.ONLINE, new SiteDescriptor("Cabine 52003", SiteKind.CABIN, "52003", null, null),
                    "test"));
            publisher.publish(site, new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 0,
                    ConnectionState.OFFLINE, null, null));
            publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(notifications.of(site))
                .containsExactly(MAX_ATTEMPTS + "/failed=true/sent=false/IOException: webhook answered HTTP 503"));
        Thread.sleep(RETRY_DELAY.multipliedBy(4).toMillis()); // when a fourth attempt would have come
        List<Instant> times = attempts.stream()
                .filter(attempt -> attempt.body().contains("\"siteId\":\"" + site + "\""))
                .map(Attempt::at)
                .toList();

        assertThat(times).as("given up after max-attempts").hasSize(MAX_ATTEMPTS);
        Duration first = Duration.between(times.get(0), times.get(1));
        Duration second = Duration.between(times.get(1), times.get(2));
        assertThat(first).isGreaterThanOrEqualTo(RETRY_DELAY.minusMillis(50));
        assertThat(second).as("the delay doubles").isGreaterThanOrEqualTo(RETRY_DELAY.multipliedBy(2).minusMillis(50))
                .isGreaterThan(first);
        assertThat(failedCount() - failedBefore).as("every failed attempt is counted").isGreaterThanOrEqualTo(3);
        assertThat(meters.get(FleetMetrics.NOTIFICATIONS).tag("channel", "webhook").tag("outcome", "sent").counter()
                .count()).isZero();
    }
}
