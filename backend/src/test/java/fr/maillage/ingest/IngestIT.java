package fr.maillage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.Channel;
import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.StateMessage;
import fr.maillage.contract.StatusMessage;
import fr.maillage.contract.WireCodec;
import fr.maillage.encounter.EncounterEventRepository;
import fr.maillage.encounter.EncounterRepository;
import fr.maillage.fleet.SiteConnection;
import fr.maillage.fleet.SiteRepository;
import fr.maillage.support.RealServers;
import fr.maillage.support.SiteMessages;
import fr.maillage.support.TestPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ingest against the real broker and the real PostgreSQL, fed by a plain MQTT client. */
@MicronautTest
class IngestIT extends RealServers {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject SiteRepository sites;
    @Inject EncounterRepository encounters;
    @Inject EncounterEventRepository events;
    @Inject DeadLetterRepository deadLetters;
    @Inject MqttIngestClient ingest;
    @Inject MeterRegistry meters;

    private final WireCodec codec = new WireCodec();
    private TestPublisher publisher;

    @BeforeAll
    void connect() throws Exception {
        await().atMost(WAIT).until(ingest::isConnected);
        publisher = new TestPublisher(servers.mqttUri());
    }

    @AfterAll
    void disconnect() throws Exception {
        publisher.close();
    }

    private StateMessage birth(String site, long connSeq) {
        return SiteMessages.birth(site, connSeq,
                new SiteDescriptor("Cabine de Verdun", SiteKind.CABIN, "55545", 49.16, 5.38));
    }

    private static SessionEvent completed(String site, UUID sessionId) {
        Instant start = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        return new SessionEvent(1, UUID.randomUUID(), site, Instant.now(), 1, 7, sessionId,
                SessionEvent.Type.COMPLETED, new SessionDetails(start, start.plus(12, ChronoUnit.MINUTES),
                        SessionDetails.ProfessionalRole.NURSE, SessionDetails.PhysicianSpecialty.GENERAL_PRACTICE,
                        SessionDetails.RecourseReason.NO_APPOINTMENT_IN_TIME,
                        new PatientProfile(PatientProfile.AgeBand.AGE_75_89, PatientProfile.Sex.MALE, "55029", true),
                        List.of(DeviceKind.STETHOSCOPE), SessionDetails.Outcome.PRESCRIPTION, 10));
    }

    @Test
    void birthThenStatusMakeASiteOnlineWithItsDevices() throws Exception {
        String site = siteId("status");
        publisher.publish(site, birth(site, 1));
        publisher.publish(site, new StatusMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 1, 60, List.of(
                new ProbeReading("link", DeviceKind.NETWORK_LINK, Health.DEGRADED, "slow", Map.of("latencyMs", 900.0)),
                new ProbeReading("otoscope", DeviceKind.OTOSCOPE, Health.OK, null, null))));

        await().atMost(WAIT).untilAsserted(() -> assertThat(sites.findById(site)).hasValueSatisfying(s -> {
            assertThat(s.connection()).isEqualTo(SiteConnection.ONLINE);
            assertThat(s.kind()).isEqualTo(SiteKind.CABIN);
            assertThat(s.health()).isEqualTo(Health.DEGRADED);
        }));
        publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
    }

    @Test
    void willOfAnOlderConnectionDoesNotTakeTheSiteOffline() throws Exception {
        String site = siteId("latewill");
        publisher.publish(site, birth(site, 5));
        publisher.publish(site, new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 4, 0,
                ConnectionState.OFFLINE, null, null));
        // A later message on the same topic proves the stale Will was processed before it.
        publisher.publish(site, new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 6, 0,
                ConnectionState.OFFLINE, null, null));

        await().atMost(WAIT).untilAsserted(() -> assertThat(sites.findById(site))
                .hasValueSatisfying(s -> assertThat(s.connSeq()).isEqualTo(6)));
        double stale = meters.counter(IngestMetrics.MESSAGES, "channel", "state", "outcome", "stale").count();
        assertThat(stale).isGreaterThanOrEqualTo(1);
        publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
    }

    @Test
    void redeliveredSessionEventChangesNothing() throws Exception {
        String site = siteId("dedup");
        UUID sessionId = UUID.randomUUID();
        byte[] payload = codec.encode(completed(site, sessionId));
        String topic = new SiteTopic(site, Channel.SESSION).topic();

        publisher.publish(topic, payload, false);
        publisher.publish(topic, payload, false);
        // A sentinel after the duplicate: once it is stored, the duplicate has been processed.
        UUID sentinel = UUID.randomUUID();
        publisher.publish(site, completed(site, sentinel));

        await().atMost(WAIT).until(() -> encounters.existsById(sentinel));
        assertThat(events.countByEncounter(sessionId)).isEqualTo(1);
        assertThat(encounters.findById(sessionId)).hasValueSatisfying(e -> {
            assertThat(e.versionId()).isEqualTo(1);
            assertThat(e.status()).isEqualTo("finished");
            assertThat(e.recourseReason()).isEqualTo("NO_APPOINTMENT_IN_TIME");
            assertThat(e.residenceInseeCode()).isEqualTo("55029");
        });
    }

    @Test
    void sessionCompletedBeforeItsStartStaysFinished() throws Exception {
        String site = siteId("order");
        UUID sessionId = UUID.randomUUID();
        publisher.publish(site, completed(site, sessionId));
        publisher.publish(site, new SessionEvent(1, UUID.randomUUID(), site, Instant.now(), 1, 6, sessionId,
                SessionEvent.Type.STARTED, null));

        await().atMost(WAIT).until(() -> events.countByEncounter(sessionId) == 2);
        assertThat(encounters.findById(sessionId)).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo("finished"));
    }

    @Test
    void malformedMessageIsKeptWithItsReasonAndCounted() throws Exception {
        String site = siteId("malformed");
        String topic = new SiteTopic(site, Channel.SESSION).topic();
        byte[] garbage = "{\"schemaVersion\":1, \"eventId\": oops".getBytes(StandardCharsets.UTF_8);
        double before = meters.counter(IngestMetrics.DEAD_LETTERS, "reason", "malformed_json").count();

        publisher.publish(topic, garbage, false);

        await().atMost(WAIT).until(() -> !deadLetters.findByTopicOrderById(topic).isEmpty());
        DeadLetter kept = deadLetters.findByTopicOrderById(topic).getFirst();
        assertThat(kept.payload()).isEqualTo(garbage);
        assertThat(kept.reason()).isEqualTo("MALFORMED_JSON");
        assertThat(kept.detail()).contains("not valid JSON");
        assertThat(meters.counter(IngestMetrics.DEAD_LETTERS, "reason", "malformed_json").count())
                .isEqualTo(before + 1);
    }

    @Test
    void sessionContinuedByAnotherSiteIsDeadLetteredAndLeavesTheFirstIntact() throws Exception {
        String first = siteId("owner");
        String second = siteId("intruder");
        UUID sessionId = UUID.randomUUID();
        publisher.publish(first, completed(first, sessionId));
        await().atMost(WAIT).until(() -> encounters.existsById(sessionId));

        publisher.publish(second, new SessionEvent(1, UUID.randomUUID(), second, Instant.now(), 1, 1, sessionId,
                SessionEvent.Type.CANCELLED, null));

        String topic = new SiteTopic(second, Channel.SESSION).topic();
        await().atMost(WAIT).until(() -> !deadLetters.findByTopicOrderById(topic).isEmpty());
        DeadLetter kept = deadLetters.findByTopicOrderById(topic).getFirst();
        assertThat(kept.reason()).isEqualTo("SESSION_OF_ANOTHER_SITE");
        assertThat(kept.detail()).contains(first);
        assertThat(encounters.findById(sessionId)).hasValueSatisfying(e -> {
            assertThat(e.siteId()).isEqualTo(first);
            assertThat(e.status()).isEqualTo("finished");
        });
        assertThat(events.countByEncounter(sessionId)).as("the refused event was rolled back").isEqualTo(1);
    }

    @Test
    void payloadClaimingAnotherSiteIsDeadLettered() throws Exception {
        String site = siteId("spoof");
        String topic = new SiteTopic(site, Channel.SESSION).topic();

        publisher.publish(topic, codec.encode(completed(siteId("victim"), UUID.randomUUID())), false);

        await().atMost(WAIT).until(() -> !deadLetters.findByTopicOrderById(topic).isEmpty());
        assertThat(deadLetters.findByTopicOrderById(topic).getFirst().reason()).isEqualTo("SITE_MISMATCH");
    }
}
