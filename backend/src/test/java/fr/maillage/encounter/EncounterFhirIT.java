package fr.maillage.encounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.fhir.MaillageFhir;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import io.micronaut.http.HttpStatus;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** {@code GET /fhir/Encounter/{id}} over HTTP, for a session that came in through the real broker. */
@MicronautTest
class EncounterFhirIT extends RealServers {

    @Inject EmbeddedServer server;

    @Inject MqttIngestClient ingest;
    @Inject FhirContext fhir;

    private HttpResponse<String> get(String path) {
        return new Http(server.getURI()).get(path);
    }

    private OperationOutcome outcome(HttpResponse<String> response) {
        return fhir.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }

    @Test
    void storedSessionIsReadBackAsAConformingEncounter() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(ingest::isConnected);
        String site = siteId("fhir");
        UUID sessionId = UUID.randomUUID();
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publisher.publish(site, new SessionEvent(1, UUID.randomUUID(), site, Instant.now(), 1, 1, sessionId,
                    SessionEvent.Type.COMPLETED, new SessionDetails(start, start.plus(15, ChronoUnit.MINUTES),
                            SessionDetails.ProfessionalRole.PHARMACIST,
                            SessionDetails.PhysicianSpecialty.GENERAL_PRACTICE,
                            SessionDetails.RecourseReason.NO_REGULAR_DOCTOR,
                            new PatientProfile(PatientProfile.AgeBand.AGE_60_74, PatientProfile.Sex.FEMALE, "52121",
                                    false),
                            List.of(DeviceKind.OTOSCOPE, DeviceKind.PULSE_OXIMETER),
                            SessionDetails.Outcome.REFERRAL, 9)));
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/fhir/Encounter/" + sessionId).statusCode() == HttpStatus.OK.getCode());
        HttpResponse<String> response = get("/fhir/Encounter/" + sessionId);

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/fhir+json"));
        assertThat(response.headers().firstValue("ETag")).contains("W/\"1\"");
        Encounter encounter = fhir.newJsonParser().parseResource(Encounter.class, response.body());
        assertThat(encounter.getIdPart()).isEqualTo(sessionId.toString());
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(encounter.getClass_().getCode()).isEqualTo("VR");
        assertThat(encounter.hasSubject()).as("no patient is identified").isFalse();
        assertThat(encounter.getPeriod().getStart().toInstant()).isEqualTo(start);
        assertThat(encounter.getLocationFirstRep().getLocation().getReference()).isEqualTo("Location/" + site);
        assertThat(((Coding) encounter.getExtensionByUrl(MaillageFhir.EXT_RECOURSE_REASON).getValue())
                .getCode()).isEqualTo("no-regular-doctor");
        assertThat(((Coding) encounter.getExtensionByUrl(MaillageFhir.EXT_PATIENT_RESIDENCE_COMMUNE)
                .getValue()).getCode()).isEqualTo("52121");
        assertThat(((BooleanType) encounter.getExtensionByUrl(MaillageFhir.EXT_HAS_REGULAR_DOCTOR)
                .getValue()).booleanValue()).isFalse();
        assertThat(((IntegerType) encounter.getExtensionByUrl(MaillageFhir.EXT_PATIENT_SATISFACTION)
                .getValue()).getValue()).isEqualTo(9);
        assertThat(encounter.getExtensionsByUrl(MaillageFhir.EXT_DEVICE_USED)).hasSize(2);
    }

    @Test
    void unknownEncounterIsANotFoundOperationOutcome() {
        HttpResponse<String> response = get("/fhir/Encounter/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("is not known");
    }

    @Test
    void invalidIdIsABadRequestOperationOutcome() {
        HttpResponse<String> response = get("/fhir/Encounter/not_a*valid*id");

        assertThat(response.statusCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("not a valid FHIR id");
    }
}
