package fr.maillage.fleet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.Channel;
import fr.maillage.contract.Health;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.fleet.MutableClock;
import fr.maillage.fleet.Site;
import fr.maillage.fleet.SiteRepository;
import fr.maillage.fleet.SiteState;
import fr.maillage.fleet.incident.IncidentStore;
import fr.maillage.fleet.incident.IncidentSweeper;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.SiteMessages;
import fr.maillage.support.TestPublisher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The state machine's hard cases, through the real broker into the real PostgreSQL. */
@MicronautTest
class FleetStateIT extends RealServers {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final int HEARTBEAT_SECONDS = 30;
    /** The defaults: one missed heartbeat of 30 s plus 10 s of grace. */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(40);

    @Inject MqttIngestClient ingest;
    @Inject SiteRepository sites;
    @Inject MutableClock clock;
    @Inject Intervals intervals;
    @Inject ApplicationContext context;
    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    private TestPublisher publisher;
    /** What the application under test was started with, for the restarted instance. */
    private Map<String, String> applicationProperties;
    private final List<String> retained = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put(MutableClock.PROPERTY, "true");
        properties.put("maillage.fleet.sweep-interval", "200ms");
        // incidents are evaluated by hand in the restart test, on the restarted instance's clock
        properties.put("maillage.fleet.alerts.evaluation-interval", "1h");
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("maillage.fleet.opening-hours-cabin", "Mon-Sun 00:00-24:00");
        applicationProperties = Map.copyOf(properties);
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

    /** Reads a site's closed intervals. */
    @Singleton
    static class Intervals {
        private final JdbcOperations jdbc;

        Intervals(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional(readOnly = true)
        List<String> of(String siteId, String deviceId) {
            return jdbc.prepareStatement("""
                    SELECT state, reason FROM site_state_interval WHERE site_id = ? AND device_id = ?
                    ORDER BY started_at""", ps -> {
                ps.setString(1, siteId);
                ps.setString(2, deviceId);
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + "/" + rs.getString(2));
                    }
                }
                return rows;
            });
        }
    }

    void birth(String site, long connSeq) throws Exception {
        retained.add(site);
        publisher.publish(site, SiteMessages.birth(site, connSeq,
                new SiteDescriptor("Cabine de Bourmont", SiteKind.CABIN, "52064", 48.2, 5.58)));
    }

    void will(String site, long connSeq) throws Exception {
        publisher.publish(site, SiteMessages.will(site, connSeq));
    }

    void status(String site, long seq, Instant agentTime, Health camera) throws Exception {
        publisher.publish(site, SiteMessages.camera(site, seq, agentTime, HEARTBEAT_SECONDS, camera));
    }

    Site site(String id) {
        return sites.findById(id).orElseThrow();
    }

    /**
     * Lets a recovery be confirmed: the 60 s recovery hold passes while the site keeps its 30 s heartbeat (a site
     * silent for the whole hold would be OFFLINE again by then).
     */
    void holdRecovery(String site, long nextSeq) throws Exception {
        clock.advance(Duration.ofSeconds(35));
        status(site, nextSeq, Instant.now(), Health.OK);
        await().atMost(WAIT).until(() -> site(site).lastStatusSeq() == nextSeq);
        clock.advance(Duration.ofSeconds(30));
    }

    void awaitState(String id, SiteState state) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(sites.findById(id))
                .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(state)));
    }

    @Test
    void willOfAnOlderConnectionAfterTheNextBirthLeavesTheSiteOnline() throws Exception {
        String site = siteId("state-latewill");
        birth(site, 1);
        status(site, 1, Instant.now(), Health.OK);
        birth(site, 2);
        will(site, 1);
        status(site, 2, Instant.now(), Health.OK);
        // the status after the stale Will has the highest sequence: once applied, the Will was processed
        await().atMost(WAIT).until(() -> sites.findById(site).map(s -> s.lastStatusSeq() == 2).orElse(false));

        assertThat(site(site).state()).isEqualTo(SiteState.ONLINE);
        assertThat(site(site).connSeq()).isEqualTo(2);
        assertThat(intervals.of(site, StateTracker.SITE)).isEmpty();
    }

    @Test
    void connectedSiteThatFallsSilentWithoutAWillGoesOfflineAfterTheMissedHeartbeats() throws Exception {
        String site = siteId("state-silent");
        birth(site, 1);
        status(site, 1, Instant.now(), Health.OK);
        awaitState(site, SiteState.ONLINE);

        clock.advance(SILENCE_LIMIT.minusSeconds(5));
        Thread.sleep(600); // three sweeps: still within the limit
        assertThat(site(site).state()).isEqualTo(SiteState.ONLINE);

        clock.advance(Duration.ofSeconds(10));
        awaitState(site, SiteState.OFFLINE);
        assertThat(site(site).stateReason()).isEqualTo(Observation.Reason.NO_HEARTBEAT.name());

        status(site, 2, Instant.now(), Health.OK);
        await().atMost(WAIT).until(() -> site(site).lastStatusSeq() == 2);
        assertThat(site(site).state()).as("recovery waits for the hold").isEqualTo(SiteState.OFFLINE);
        holdRecovery(site, 3);
        awaitState(site, SiteState.ONLINE);
        assertThat(intervals.of(site, StateTracker.SITE)).containsExactly("ONLINE/CONNECTED", "OFFLINE/NO_HEARTBEAT");
        assertThat(intervals.of(site, "camera")).containsExactly("ONLINE/OK", "OFFLINE/OK");

        var http = new Http(server.getURI());
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        var report = json.readValue(http.get("/api/sites/" + site + "/availability?from=" + today.minusDays(1) + "&to="
                + today.plusDays(2) + "&granularity=day").body(), Map.class);
        assertThat(report).containsEntry("siteId", site).containsEntry("openingHours", "Mon-Sun 00:00-24:00");
        Map<?, ?> total = (Map<?, ?>) report.get("total");
        assertThat(((Number) total.get("failures")).intValue()).isEqualTo(1);
        assertThat((List<?>) report.get("periods")).hasSize(3);
        assertThat(http.get("/api/sites/" + site + "/availability?device=camera").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/sites/" + site + "/availability?granularity=hour").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/sites/" + site + "/availability?device=nope").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/sites?departement=52&kind=CABIN&state=ONLINE").body()).contains(site);
        assertThat(http.get("/api/sites?departement=55").body()).doesNotContain(site);
        assertThat(http.get("/api/sites/" + site).body())
                .contains("\"deviceId\":\"camera\"", "\"state\":\"ONLINE\"", "\"stateReason\":\"CONNECTED\"");
    }

    @Test
    void linkBouncingEveryFewMomentsMakesOneOutage() throws Exception {
        String site = siteId("state-flap");
        birth(site, 1);
        status(site, 1, Instant.now(), Health.OK);
        awaitState(site, SiteState.ONLINE);

        for (int connSeq = 2; connSeq < 22; connSeq += 2) {
            will(site, connSeq - 1);
            birth(site, connSeq);
        }
        status(site, 2, Instant.now(), Health.OK);
        await().atMost(WAIT).until(() -> site(site).connSeq() == 20 && site(site).lastStatusSeq() == 2);
        holdRecovery(site, 3);
        awaitState(site, SiteState.ONLINE);

        assertThat(intervals.of(site, StateTracker.SITE)).containsExactly("ONLINE/CONNECTED", "OFFLINE/WILL");
    }

    @Test
    void agentClockHoursBehindDoesNotMakeTheSiteLookSilent() throws Exception {
        String site = siteId("state-skew");
        Instant agentTime = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        birth(site, 1);
        status(site, 1, agentTime, Health.DEGRADED);

        awaitState(site, SiteState.DEGRADED);
        Thread.sleep(600);
        assertThat(site(site).state()).isEqualTo(SiteState.DEGRADED);
        assertThat(site(site).lastStatusOccurredAt()).isEqualTo(agentTime);
    }

    @Test
    void restartedBackendKeepsTheStateOpensNoFalseIncidentAndStillDetectsSilence() throws Exception {
        String site = siteId("state-restart");
        birth(site, 1);
        status(site, 1, Instant.now(), Health.OK);
        awaitState(site, SiteState.ONLINE);
        Instant since = site(site).stateSince();
        List<String> intervalsBefore = intervals.of(site, StateTracker.SITE);

        // A second instance starting ten minutes later, with no broker connection: only the database. Its
        // sweeps are run by hand. Had it judged the site silent at its start, 30 s later the site would have been
        // OFFLINE for longer than offline-after, and an incident would open.
        Map<String, Object> properties = new HashMap<>(applicationProperties);
        properties.put("maillage.ingest.enabled", "false");
        properties.put("maillage.fleet.sweep-interval", "1h");
        properties.put("maillage.fleet.alerts.offline-after", "20s");
        properties.put(MutableClock.OFFSET, clock.offsetNow().plusMinutes(10).toString());
        try (ApplicationContext restarted = ApplicationContext.builder().properties(properties).start()) {
            MutableClock later = restarted.getBean(MutableClock.class);
            StateTracker tracker = restarted.getBean(StateTracker.class);
            IncidentSweeper rules = restarted.getBean(IncidentSweeper.class);
            IncidentStore incidents = restarted.getBean(IncidentStore.class);

            // Within the window every site gets after a restart (the broker's queued heartbeats arrive in it).
            later.advance(SILENCE_LIMIT.minusSeconds(10));
            tracker.sweep(site);
            rules.sweep();
            assertThat(site(site).state()).as("no false outage after the restart").isEqualTo(SiteState.ONLINE);
            assertThat(site(site).stateSince()).isEqualTo(since);
            assertThat(intervals.of(site, StateTracker.SITE)).as("no interval closed").isEqualTo(intervalsBefore);
            assertThat(incidents.sitesWithOpenIncidents()).as("no false incident").doesNotContain(site);

            // The same instance does see a site that stays silent past its window, so the checks above can fail.
            later.advance(Duration.ofMinutes(1));
            tracker.sweep(site);
            assertThat(site(site).state()).isEqualTo(SiteState.OFFLINE);
            later.advance(Duration.ofSeconds(30));
            rules.sweep();
            assertThat(incidents.sitesWithOpenIncidents()).contains(site);
        }
    }
}
