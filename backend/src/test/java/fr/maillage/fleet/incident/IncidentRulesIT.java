package fr.maillage.fleet.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.Channel;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.fleet.MutableClock;
import fr.maillage.fleet.SiteRepository;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The rules LINK_LATENCY, OUTBOX_BACKLOG and DORMANT_SITE from real status snapshots and sessions, and a
 * territory's overrides of their thresholds: Haute-Marne (52) keeps the defaults, the Meuse (55) raises them.
 * Sites report a one-hour heartbeat, so that moving the clock does not make them silent. The dormancy test runs
 * first: a site's creation time is the ingest's receive time, which the other tests' clock moves leave behind.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentRulesIT extends RealServers {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject EmbeddedServer server;
    @Inject MqttIngestClient ingest;
    @Inject SiteRepository sites;
    @Inject MutableClock clock;
    @Inject JsonMapper json;

    private TestPublisher publisher;
    private final List<String> retained = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put(MutableClock.PROPERTY, "true");
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("maillage.fleet.sweep-interval", "200ms");
        properties.put("maillage.fleet.opening-hours-cabin", "Mon-Sun 00:00-24:00");
        properties.put("maillage.fleet.alerts.evaluation-interval", "200ms");
        properties.put("maillage.fleet.alerts.dormant-after", "10m");
        properties.put("maillage.fleet.alerts.territories.55.latency-threshold-ms", "2000");
        properties.put("maillage.fleet.alerts.territories.55.backlog-threshold", "1000");
        properties.put("maillage.fleet.alerts.territories.55.dormant-after", "1d");
        return properties;
    }

    @BeforeAll
    void connect() throws Exception {
        await().atMost(WAIT).until(ingest::isConnected);
        publisher = new TestPublisher(servers.mqttUri());
    }

    @AfterAll
    void disconnect() throws Exception {
        for (String site : retained) {
            publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
        }
        publisher.close();
    }

    void birth(String site, String insee) throws Exception {
        retained.add(site);
        publisher.publish(site, SiteMessages.birth(site, 1,
                new SiteDescriptor("Cabine " + insee, SiteKind.CABIN, insee, null, null)));
    }

    /** A snapshot with the link's latency and the agent's outbox backlog. */
    void status(String site, long seq, double latencyMs, double backlog) throws Exception {
        publisher.publish(site, SiteMessages.status(site, seq, Instant.now(), 3600, List.of(
                new ProbeReading("link", DeviceKind.NETWORK_LINK, Health.OK, null, Map.of("latencyMs", latencyMs)),
                new ProbeReading("agent", DeviceKind.AGENT, Health.OK, null, Map.of("backlog", backlog)))));
        await().atMost(WAIT).until(() -> sites.findById(site).map(s -> s.lastStatusSeq() == seq).orElse(false));
    }

    /** "RULE/device" of the site's incidents in {@code state} (open, resolved, all). */
    List<String> incidents(String site, String state) throws Exception {
        var response = new Http(server.getURI()).get("/api/incidents?state=" + state + "&site=" + site);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readValue(response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class))).stream()
                .map(incident -> incident.get("rule") + "/" + incident.get("deviceId"))
                .sorted()
                .toList();
    }

    /** Lets a few evaluations run over what was applied so far. */
    static void evaluations() throws InterruptedException {
        Thread.sleep(1000);
    }

    @Test
    void slowLinkAndGrowingOutboxOpenIncidentsThatCloseWhenTheyRecover() throws Exception {
        String site = siteId("rules-link");
        birth(site, "52003");
        status(site, 1, 1200, 500);

        await().atMost(WAIT).untilAsserted(() -> assertThat(incidents(site, "open"))
                .contains("LINK_LATENCY/link", "OUTBOX_BACKLOG/agent"));

        status(site, 2, 40, 0);
        await().atMost(WAIT).untilAsserted(() -> assertThat(incidents(site, "open"))
                .doesNotContain("LINK_LATENCY/link", "OUTBOX_BACKLOG/agent"));
        assertThat(incidents(site, "resolved")).contains("LINK_LATENCY/link", "OUTBOX_BACKLOG/agent");
    }

    @Test
    @Order(1)
    void siteWithoutASessionForTooLongIsDormantUntilASessionComes() throws Exception {
        String site = siteId("rules-dormant");
        birth(site, "52017");
        status(site, 1, 40, 0);
        evaluations();
        assertThat(incidents(site, "all")).as("appeared just now").doesNotContain("DORMANT_SITE/null");

        clock.advance(Duration.ofMinutes(11));
        await().atMost(WAIT).untilAsserted(() -> assertThat(incidents(site, "open")).contains("DORMANT_SITE/null"));

        // A session that started 5 minutes ago by the backend's clock: within dormant-after.
        Instant start = clock.instant().minus(Duration.ofMinutes(5));
        publisher.publish(site, new SessionEvent(1, UUID.randomUUID(), site, start.plusSeconds(180), 1, 1,
                UUID.randomUUID(), SessionEvent.Type.COMPLETED, new SessionDetails(start, start.plusSeconds(180),
                        SessionDetails.ProfessionalRole.NURSE, null, SessionDetails.RecourseReason.NO_REGULAR_DOCTOR,
                        new PatientProfile(PatientProfile.AgeBand.AGE_30_44, null, "52017", false), List.of(),
                        SessionDetails.Outcome.ADVICE_ONLY, null)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(incidents(site, "open")).doesNotContain("DORMANT_SITE/null"));
        assertThat(incidents(site, "resolved")).containsExactly("DORMANT_SITE/null");
    }

    @Test
    void territoryOverridesRaiseTheThresholdsOfItsOwnSitesOnly() throws Exception {
        String hauteMarne = siteId("rules-52");
        String meuse = siteId("rules-55");
        birth(meuse, "55008");
        status(meuse, 1, 1200, 500);
        birth(hauteMarne, "52003");
        status(hauteMarne, 1, 1200, 500);

        // The 52 site's incidents show that the sweeps ran after both snapshots were applied.
        await().atMost(WAIT).untilAsserted(() -> assertThat(incidents(hauteMarne, "open"))
                .contains("LINK_LATENCY/link", "OUTBOX_BACKLOG/agent"));
        evaluations();
        assertThat(incidents(meuse, "all")).as("1200 ms < 2000 ms, 500 < 1000 in the Meuse").isEmpty();

        status(meuse, 2, 2500, 1500);
        await().atMost(WAIT).untilAsserted(() -> assertThat(incidents(meuse, "open"))
                .containsExactly("LINK_LATENCY/link", "OUTBOX_BACKLOG/agent"));

        clock.advance(Duration.ofMinutes(11));
        await().atMost(WAIT).untilAsserted(() -> assertThat(incidents(hauteMarne, "open")).contains("DORMANT_SITE/null"));
        evaluations();
        assertThat(incidents(meuse, "all")).as("dormant after a day in the Meuse").doesNotContain("DORMANT_SITE/null");
    }
}
