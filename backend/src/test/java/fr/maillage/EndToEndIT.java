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
import fr.maillage.encounter.EncounterConformance;
import fr.maillage.encounter.EncounterEventRepository;
import fr.maillage.ingest.DeadLetterRepository;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import fr.maillage.support.Tokens;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path, each part real: the device agent publishes through the broker, the backend commits to
 * PostgreSQL, the APIs read it back: the session as an Encounter, its answers as QuestionnaireResponses.
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
    @Inject EncounterConformance conformance;

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

    @Test
    void theAnswersOfPatientAndProfessionalBecomeQuestionnaireResponsesOfTheirEncounter(@TempDir Path agentData)
            throws Exception {
        await().atMost(WAIT).until(ingest::isConnected);
        String siteId = siteId("55029-pharmacy");
        var descriptor = new SiteDescriptor("Pharmacie de Bar-le-Duc", SiteKind.PHARMACY, "55029", 48.77, 5.16);
        UUID sessionId = UUID.randomUUID();
        Instant start = Instant.now().minus(40, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        var details = new SessionDetails(start, start.plus(12, ChronoUnit.MINUTES),
                SessionDetails.ProfessionalRole.PHARMACIST, null, SessionDetails.RecourseReason.OUT_OF_HOURS,
                new PatientProfile(PatientProfile.AgeBand.AGE_30_44, null, "55029", null), List.of(),
                SessionDetails.Outcome.ADVICE_ONLY, 7, SessionDetails.Agreement.STRONGLY_AGREE);
        var admin = new Http(server.getURI());
        String search = "/fhir/QuestionnaireResponse?encounter=Encounter/" + sessionId;

        SessionEvent recorded;
        try (SiteAgent agent = SiteAgent.start(AgentConfig.forSite(siteId, descriptor, servers.mqttUri(), agentData))) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(site(siteId)).containsEntry("state", "ONLINE"));
            recorded = agent.record(SessionEvent.Type.COMPLETED, sessionId, details);
            await().atMost(WAIT).until(() -> admin.get("/fhir/Encounter/" + sessionId).statusCode() == 200);
        }

        Bundle found = fhir.newJsonParser().parseResource(Bundle.class, admin.get(search).body());
        Map<String, QuestionnaireResponse> byQuestionnaire = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : found.getEntry()) {
            var response = (QuestionnaireResponse) entry.getResource();
            byQuestionnaire.put(response.getQuestionnaire(), response);
            response.setIdElement(response.getIdElement().toUnqualifiedVersionless());
            assertThat(conformance.errors(response)).as(response.getQuestionnaire()).isEmpty();
            assertThat(response.getEncounter().getReference()).isEqualTo("Encounter/" + sessionId);
            assertThat(response.hasSubject()).isFalse();
            assertThat(response.getAuthored().toInstant()).isEqualTo(details.endedAt());
        }
        assertThat(byQuestionnaire).containsOnlyKeys(
                "https://maillage.fr/fhir/Questionnaire/patient-survey",
                "https://maillage.fr/fhir/Questionnaire/assisting-professional-survey");
        QuestionnaireResponse patient = byQuestionnaire.get("https://maillage.fr/fhir/Questionnaire/patient-survey");
        assertThat(patient.getItem()).extracting(QuestionnaireResponse.QuestionnaireResponseItemComponent::getLinkId)
                .containsExactly("recourse-reason", "satisfaction");
        assertThat(((Coding) patient.getItem().get(0).getAnswerFirstRep().getValue()).getCode())
                .isEqualTo("out-of-hours");
        assertThat(patient.getItem().get(1).getAnswerFirstRep().getValueIntegerType().getValue()).isEqualTo(7);
        QuestionnaireResponse professional =
                byQuestionnaire.get("https://maillage.fr/fhir/Questionnaire/assisting-professional-survey");
        assertThat(((Coding) professional.getItemFirstRep().getAnswerFirstRep().getValue()).getCode())
                .isEqualTo("strongly-agree");

        // redelivered: the ledger stops it before the responses, which stay at version 1
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publisher.publish(siteId, recorded);
            String marker = new SiteTopic(siteId, Channel.SESSION).topic();
            publisher.publish(marker, "not json".getBytes(StandardCharsets.UTF_8), false);
            await().atMost(WAIT).until(() -> !deadLetters.findByTopicOrderById(marker).isEmpty());
            publisher.clearRetained(new SiteTopic(siteId, Channel.STATE).topic());
        }
        String professionalId = professional.getIdElement().getIdPart();
        var read = admin.get("/fhir/QuestionnaireResponse/" + professionalId);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("ETag")).contains("W/\"1\"");
        assertThat(fhir.newJsonParser().parseResource(Bundle.class, admin.get(search).body()).getEntry()).hasSize(2);

        // search by questionnaire, the Questionnaire itself, and the scope of a site operator
        Bundle professionals = fhir.newJsonParser().parseResource(Bundle.class, admin.get(search
                + "&questionnaire=Questionnaire/assisting-professional-survey").body());
        assertThat(professionals.getEntry()).singleElement()
                .satisfies(e -> assertThat(e.getResource().getIdElement().getIdPart()).isEqualTo(professionalId));
        Questionnaire questionnaire = fhir.newJsonParser().parseResource(Questionnaire.class,
                admin.get("/fhir/Questionnaire/assisting-professional-survey").body());
        assertThat(questionnaire.getItemFirstRep().getLinkId()).isEqualTo("role-strengthened");
        var ownOperator = new Http(server.getURI(), Tokens.siteOperator(siteId));
        var otherOperator = new Http(server.getURI(), Tokens.siteOperator(siteId("elsewhere")));
        assertThat(ownOperator.get("/fhir/QuestionnaireResponse/" + professionalId).statusCode()).isEqualTo(200);
        assertThat(otherOperator.get("/fhir/QuestionnaireResponse/" + professionalId).statusCode()).isEqualTo(403);
        assertThat(fhir.newJsonParser().parseResource(Bundle.class, otherOperator.get(search).body()).getEntry())
                .isEmpty();
    }

    @Test
    void badQuestionnaireRequestsAreOperationOutcomes() {
        var admin = new Http(server.getURI());

        assertThat(outcome(admin.get("/fhir/QuestionnaireResponse?encounter=not-a-session"), 400))
                .contains("encounter 'not-a-session'");
        assertThat(outcome(admin.get("/fhir/QuestionnaireResponse?questionnaire=Questionnaire/phq-9"), 400))
                .contains("Questionnaire/phq-9").contains("patient-survey");
        assertThat(outcome(admin.get("/fhir/QuestionnaireResponse/" + UUID.randomUUID()), 404)).contains("not known");
        assertThat(outcome(admin.get("/fhir/QuestionnaireResponse/not_an_id"), 400)).contains("not a valid FHIR id");
        assertThat(outcome(admin.get("/fhir/Questionnaire/phq-9"), 404)).contains("patient-survey");
        assertThat(outcome(admin.get("/fhir/Questionnaire"), 405)).contains("search is not supported");
        var strict = admin.send(java.net.http.HttpRequest.newBuilder(
                        server.getURI().resolve("/fhir/QuestionnaireResponse?subject=Patient/1"))
                .header("Prefer", "handling=strict").GET());
        assertThat(outcome(strict, 400)).contains("subject");
    }

    private String outcome(java.net.http.HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+json"));
        return fhir.newJsonParser().parseResource(OperationOutcome.class, response.body())
                .getIssueFirstRep().getDiagnostics();
    }
}
