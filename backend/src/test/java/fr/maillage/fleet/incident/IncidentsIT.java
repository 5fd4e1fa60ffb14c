package fr.maillage.fleet.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import fr.maillage.contract.Channel;
import fr.maillage.contract.Health;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.fleet.MutableClock;
import fr.maillage.fleet.SiteRepository;
import fr.maillage.fleet.SiteState;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.SiteMessages;
import fr.maillage.support.TestPublisher;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incidents from real births, Wills and status snapshots: opened by the rules, deduplicated through flapping,
 * acknowledged over the API, escalated, resolved, and notified by mail (GreenMail SMTP server) and signed webhook
 * (a JDK HTTP server that refuses each delivery's first attempt, so every webhook is retried).
 */
@MicronautTest
class IncidentsIT extends RealServers {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String SECRET = "webhook-secret-for-tests";
    static final String COORDINATOR = "coordination52@example.org";

    /** A webhook delivery as received. */
    record Delivery(String id, String timestamp, String signature, String body) {}

    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    private HttpServer webhook;

    @Inject EmbeddedServer server;
    @Inject MqttIngestClient ingest;
    @Inject SiteRepository sites;
    @Inject MutableClock clock;
    @Inject JsonMapper json;

    private TestPublisher publisher;
    private final List<String> retained = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        smtp.start();
        try {
            webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        webhook.createContext("/hook", exchange -> {
            String id = exchange.getRequestHeaders().getFirst("X-Maillage-Delivery");
            deliveries.add(new Delivery(id, exchange.getRequestHeaders().getFirst("X-Maillage-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Maillage-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            int status = refusedOnce.add(id) ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhook.start();

        var properties = new HashMap<>(super.getProperties());
        properties.put(MutableClock.PROPERTY, "true");
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("maillage.fleet.sweep-interval", "200ms");
        properties.put("maillage.fleet.opening-hours-cabin", "Mon-Sun 00:00-24:00");
        properties.put("maillage.fleet.alerts.evaluation-interval", "200ms");
        properties.put("maillage.fleet.alerts.dispatch-interval", "200ms");
        properties.put("maillage.fleet.alerts.retry-delay", "100ms");
        properties.put("maillage.fleet.alerts.offline-after", "5m");
        properties.put("maillage.fleet.alerts.escalate-after", "10m");
        properties.put("maillage.fleet.alerts.territories.52.mail-to", COORDINATOR);
        properties.put("maillage.fleet.alerts.smtp-host", "127.0.0.1");
        properties.put("maillage.fleet.alerts.smtp-port", Integer.toString(smtp.getSmtp().getPort()));
        properties.put("maillage.fleet.alerts.webhook-urls",
                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        properties.put("maillage.fleet.alerts.webhook-secret", SECRET);
        return properties;
    }

    @BeforeAll
    void connect() throws Exception {
        await().atMost(WAIT).until(ingest::isConnected);
        publisher = new TestPublisher(servers.mqttUri());
    }

    @AfterAll
    void stop() throws Exception {
        for (String site : retained) {
            publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
        }
        publisher.close();
        webhook.stop(0);
        smtp.stop();
    }

    void birth(String site, long connSeq) throws Exception {
        retained.add(site);
        publisher.publish(site, SiteMessages.birth(site, connSeq,
                new SiteDescriptor("Cabine de Montier-en-Der", SiteKind.CABIN, "52331", 48.48, 4.77)));
    }

    void will(String site, long connSeq) throws Exception {
        publisher.publish(site, SiteMessages.will(site, connSeq));
    }

    void status(String site, long seq, int heartbeatSeconds, Health camera) throws Exception {
        publisher.publish(site, SiteMessages.camera(site, seq, Instant.now(), heartbeatSeconds, camera));
    }

    void awaitState(String id, SiteState state) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(sites.findById(id))
                .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(state)));
    }

    List<Map<String, Object>> incidents(String query) throws IOException {
        var response = new Http(server.getURI()).get("/api/incidents?" + query);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readValue(response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    HttpResponse<String> post(String path, String body) {
        return new Http(server.getURI()).send(HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    List<String> mailSubjects(String site) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getSubject().contains(site)) {
                subjects.add(message.getSubject() + " -> " + Arrays.toString(message.getAllRecipients()));
            }
        }
        return subjects;
    }

    List<Delivery> deliveriesOf(String site) {
        return deliveries.stream().filter(d -> d.body().contains("\"siteId\":\"" + site + "\"")).toList();
    }

    static String sign(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void flappingSiteOfflineTooLongOpensOneIncidentThatIsNotifiedAcknowledgedAndResolved() throws Exception {
        String site = siteId("incident-offline");
        birth(site, 1);
        status(site, 1, 30, Health.OK);
        awaitState(site, SiteState.ONLINE);
        for (int connSeq = 2; connSeq < 12; connSeq += 2) {
            will(site, connSeq - 1);
            birth(site, connSeq);
        }
        will(site, 11);
        await().atMost(WAIT).until(() -> sites.findById(site).map(s -> s.connSeq() == 11).orElse(false));
        assertThat(incidents("site=" + site)).as("not yet offline for 5 minutes").isEmpty();

        clock.advance(Duration.ofMinutes(6));
        await().atMost(WAIT).until(() -> incidents("site=" + site).size() == 1);
        Map<String, Object> incident = incidents("site=" + site + "&departement=52").getFirst();
        assertThat(incident).containsEntry("rule", "SITE_OFFLINE").containsEntry("departement", "52");
        Number id = (Number) incident.get("id");

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailSubjects(site))
                .containsExactly("[Maillage] OPENED SITE_OFFLINE – Cabine de Montier-en-Der (" + site + ") -> ["
                        + COORDINATOR + "]"));
        await().atMost(WAIT).until(() -> deliveriesOf(site).size() == 2);
        List<Delivery> webhooks = deliveriesOf(site);
        assertThat(webhooks.get(0).id()).as("the refused delivery is retried").isEqualTo(webhooks.get(1).id());
        for (Delivery delivery : webhooks) {
            assertThat(delivery.signature()).isEqualTo(sign(delivery.timestamp(), delivery.body()));
        }
        assertThat(webhooks.getFirst().body()).contains("\"event\":\"OPENED\"", "\"rule\":\"SITE_OFFLINE\"");

        var acknowledged = post("/api/incidents/" + id + "/acknowledgement",
                "{\"by\":\"coordinatrice-52\",\"comment\":\"technicien prévenu\"}");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(acknowledged.body()).contains("\"acknowledgedBy\":\"coordinatrice-52\"");
        assertThat(new Http(server.getURI()).get("/api/incidents/" + id).body()).contains("technicien prévenu");

        birth(site, 12);
        status(site, 2, 30, Health.OK);
        await().atMost(WAIT).until(() -> sites.findById(site).map(s -> s.lastStatusSeq() == 2).orElse(false));
        // the 60 s recovery hold passes while the site keeps its 30 s heartbeat
        clock.advance(Duration.ofSeconds(35));
        status(site, 3, 30, Health.OK);
        await().atMost(WAIT).until(() -> sites.findById(site).map(s -> s.lastStatusSeq() == 3).orElse(false));
        clock.advance(Duration.ofSeconds(30));
        awaitState(site, SiteState.ONLINE);
        await().atMost(WAIT).until(() -> incidents("site=" + site).isEmpty());
        assertThat(incidents("state=resolved&site=" + site)).hasSize(1);
        assertThat(incidents("state=all&site=" + site)).as("flapping made one incident").hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailSubjects(site)).hasSize(2)
                .anyMatch(subject -> subject.startsWith("[Maillage] RESOLVED SITE_OFFLINE")));
    }

    @Test
    void requiredPeripheralDownUnacknowledgedIsEscalated() throws Exception {
        String site = siteId("incident-camera");
        birth(site, 1);
        // a long heartbeat, so that moving the clock does not make the site silent
        status(site, 1, 3600, Health.DOWN);
        awaitState(site, SiteState.DEGRADED);
        await().atMost(WAIT).until(() -> incidents("site=" + site).size() == 1);
        assertThat(incidents("site=" + site).getFirst())
                .containsEntry("rule", "PERIPHERAL_DOWN")
                .containsEntry("deviceId", "camera");

        clock.advance(Duration.ofMinutes(11));

        await().atMost(WAIT).until(() -> incidents("site=" + site).getFirst().get("escalatedAt") != null);
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailSubjects(site))
                .anyMatch(subject -> subject.startsWith("[Maillage] ESCALATED PERIPHERAL_DOWN")));
    }

    @Test
    void acknowledgingAnUnknownIncidentIsANotFound() {
        var response = post("/api/incidents/999999999/acknowledgement", "{\"by\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void unknownStateFilterIsABadRequest() {
        assertThat(new Http(server.getURI()).get("/api/incidents?state=maybe").statusCode()).isEqualTo(400);
    }

}
