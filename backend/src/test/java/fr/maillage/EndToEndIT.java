package fr.maillage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.agent.AgentConfig;
import fr.maillage.agent.SiteAgent;
import fr.maillage.contract.Channel;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.encounter.EncounterEventRepository;
import fr.maillage.ingest.DeadLetterRepository;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path, each part real: the device agent publishes through the broker, the backend commits to
 * PostgreSQL, the APIs read it back.
 */
@MicronautTest
class EndToEndIT extends RealServers {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject EmbeddedServer server;
    @Inject MqttIngestClient ingest;
    @Inject JsonMapper json;
    @Inject FhirContext fhir;
    @Inject EncounterEventRepository events;
    @Inject DeadLetterRepository deadLetters;

    private Map<String, Object> site(String id) throws Exception {
        var response = new Http(server.getURI()).get("/api/sites");
        List<Map<String, Object>> sites =
                json.readValue(response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        return sites.stream().filter(s -> id.equals(s.get("id"))).findFirst().orElse(Map.of());
    }

    @Test
    void agentSessionBecomesAnEncounterOnceEvenWhenRedelivered(@TempDir Path agentData) throws Exception {
        await().atMost(WAIT).until(ingest::isConnected);
        String siteId = siteId("55545-cabin");
        var descriptor = new SiteDescriptor("Cabine de la mairie de Verdun", SiteKind.CABIN, "55545", 49.16, 5.38);
        UUID sessionId = UUID.randomUUID();
        Instant start = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        var details = new SessionDetails(start, start.plus(14, ChronoUnit.MINUTES),
                SessionDetails.ProfessionalRole.NURSE, SessionDetails.PhysicianSpecialty.GENERAL_PRACTICE,
                SessionDetails.RecourseReason.DOCTOR_TOO_FAR,
                new PatientProfile(PatientProfile.AgeBand.AGE_75_89, PatientProfile.Sex.FEMALE, "55029", true),
                List.of(DeviceKind.STETHOSCOPE, DeviceKind.BLOOD_PRESSURE_MONITOR),
                SessionDetails.Outcome.PRESCRIPTION, 10);

        SessionEvent recorded;
        try (SiteAgent agent = SiteAgent.start(AgentConfig.forSite(siteId, descriptor, servers.mqttUri(), agentData))) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(site(siteId))
                    .containsEntry("state", "ONLINE")
                    .containsEntry("name", descriptor.name())
                    .containsKey("lastStatusAt"));

            recorded = agent.record(SessionEvent.Type.COMPLETED, sessionId, details);

            await().atMost(WAIT).until(() ->
                    new Http(server.getURI()).get("/fhir/Encounter/" + sessionId).statusCode() == 200);
            await().atMost(WAIT).until(() -> agent.pendingEvents() == 0);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(site(siteId)).containsEntry("state", "OFFLINE"));

        Encounter encounter = fhir.newJsonParser().parseResource(Encounter.class,
                new Http(server.getURI()).get("/fhir/Encounter/" + sessionId).body());
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(encounter.getPeriod().getEnd().toInstant()).isEqualTo(details.endedAt());
        assertThat(encounter.getLocationFirstRep().getLocation().getReference()).isEqualTo("Location/" + siteId);
        assertThat(encounter.getExtension()).extracting(e -> e.getUrl().substring(e.getUrl().lastIndexOf('/') + 1))
                .contains("recourse-reason", "patient-residence-commune", "patient-age-band", "has-regular-doctor",
                        "consultation-outcome", "patient-satisfaction", "device-used");
        assertThat(encounter.getParticipant()).flatExtracting(p -> p.getType().stream()
                        .flatMap(t -> t.getCoding().stream()).map(Coding::getCode).toList())
                .contains("nurse", "general-practice");

        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publisher.publish(siteId, recorded);
            String malformedTopic = new SiteTopic(siteId, Channel.SESSION).topic();
            publisher.publish(malformedTopic, "not json".getBytes(StandardCharsets.UTF_8), false);
            await().atMost(WAIT).until(() -> !deadLetters.findByTopicOrderById(malformedTopic).isEmpty());
            publisher.clearRetained(new SiteTopic(siteId, Channel.STATE).topic());
        }
        assertThat(events.countByEncounter(sessionId)).as("the redelivered event changed nothing").isEqualTo(1);
        assertThat(new Http(server.getURI()).get("/fhir/Encounter/" + sessionId).headers().firstValue("ETag"))
                .contains("W/\"1\"");
    }
}
