package fr.maillage.encounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.Channel;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteTopic;
import fr.maillage.ingest.DeadLetter;
import fr.maillage.ingest.DeadLetterRepository;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conformance gate on the ingest path: a session whose events each satisfy the wire contract, but whose
 * Encounter would break the profile, is kept in the dead letter with the validator's message, and the stored
 * Encounter stays as it was.
 */
@MicronautTest
class SessionConformanceIT extends RealServers {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject MqttIngestClient ingest;
    @Inject DeadLetterRepository deadLetters;
    @Inject EncounterRepository encounters;

    /**
     * The contract checks each event on its own (an event's details do not end before they start), not against
     * the session's earlier events. A session started with a planned end of 10:40 and cancelled with a start of
     * 10:50 (the patient came late) would make an Encounter whose period starts after it ends: FHIR's per-1.
     */
    @Test
    void encounterBreakingAProfileRuleIsDeadLetteredWithTheValidatorsMessage() throws Exception {
        await().atMost(WAIT).until(ingest::isConnected);
        String site = siteId("55545-late");
        UUID session = UUID.randomUUID();
        Instant start = Instant.parse("2026-11-02T10:00:00Z");
        var started = new SessionEvent(1, UUID.randomUUID(), site, start, 1, 1, session, SessionEvent.Type.STARTED,
                details(start, start.plus(Duration.ofMinutes(40))));
        var cancelled = new SessionEvent(1, UUID.randomUUID(), site, start.plus(Duration.ofMinutes(55)), 1, 2,
                session, SessionEvent.Type.CANCELLED, details(start.plus(Duration.ofMinutes(50)), null));
        String topic = new SiteTopic(site, Channel.SESSION).topic();

        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publisher.publish(site, started);
            await().atMost(WAIT).until(() -> encounters.findById(session).isPresent());
            publisher.publish(site, cancelled);
        }

        await().atMost(WAIT).until(() -> !deadLetters.findByTopicOrderById(topic).isEmpty());
        DeadLetter kept = deadLetters.findByTopicOrderById(topic).getFirst();
        assertThat(kept.reason()).isEqualTo(SessionRejectedException.Reason.NON_CONFORMING_ENCOUNTER.name());
        assertThat(kept.detail()).contains("per-1").contains("Encounter.period");
        assertThat(new String(kept.payload(), java.nio.charset.StandardCharsets.UTF_8))
                .contains(cancelled.eventId().toString());
        assertThat(encounters.findById(session)).hasValueSatisfying(stored -> {
            assertThat(stored.status()).isEqualTo("in-progress");
            assertThat(stored.versionId()).isEqualTo(1);
        });
    }

    private static SessionDetails details(Instant startedAt, Instant endedAt) {
        return new SessionDetails(startedAt, endedAt, SessionDetails.ProfessionalRole.NURSE, null, null, null,
                List.of(), null, null);
    }
}
