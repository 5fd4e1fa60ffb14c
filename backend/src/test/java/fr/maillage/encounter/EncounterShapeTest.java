package fr.maillage.encounter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.fhir.MaillageFhir;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shape under which a conforming Encounter is remembered keeps what the profile's verdict depends on, and only
 * that: Encounters of one shape get one verdict.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncounterShapeTest {

    private final FhirContext fhir = FhirContext.forR4();
    private final EncounterMapper mapper = new EncounterMapper();
    private EncounterConformance conformance;

    @BeforeAll
    void loadProfiles() {
        conformance = new EncounterConformance(fhir);
    }

    private Encounter completed(String site, Instant start, SessionDetails.RecourseReason reason, String commune,
            int satisfaction) {
        var event = new SessionEvent(1, UUID.randomUUID(), site, start.plusSeconds(1200), 1, 1, UUID.randomUUID(),
                SessionEvent.Type.COMPLETED, new SessionDetails(start, start.plusSeconds(900),
                        SessionDetails.ProfessionalRole.NURSE, SessionDetails.PhysicianSpecialty.GENERAL_PRACTICE,
                        reason, new PatientProfile(PatientProfile.AgeBand.AGE_75_89, PatientProfile.Sex.MALE, commune,
                                true),
                        List.of(DeviceKind.STETHOSCOPE), SessionDetails.Outcome.PRESCRIPTION, satisfaction));
        Encounter encounter = mapper.create(event);
        mapper.apply(encounter, event, Instant.now());
        encounter.getMeta().setVersionId("1");
        return encounter;
    }

    private String shape(Encounter encounter) {
        return EncounterShape.of(encounter, fhir.newJsonParser());
    }

    @Test
    void encountersDifferingOnlyInIdsSiteTimesCommuneAndScoreShareAShape() {
        Encounter one = completed("55545-cabin-1", Instant.parse("2026-11-02T08:00:00Z"),
                SessionDetails.RecourseReason.NO_APPOINTMENT_IN_TIME, "55029", 9);
        Encounter other = completed("2a004-pharmacy-3", Instant.parse("2027-03-15T17:42:13Z"),
                SessionDetails.RecourseReason.NO_APPOINTMENT_IN_TIME, "2A004", 0);

        assertThat(shape(one)).isEqualTo(shape(other));
    }

    @Test
    void aCodeMakesAShapeOfItsOwn() {
        Instant start = Instant.parse("2026-11-02T08:00:00Z");
        SessionDetails.RecourseReason[] reasons = SessionDetails.RecourseReason.values();

        assertThat(shape(completed("s", start, reasons[0], "55029", 9)))
                .isNotEqualTo(shape(completed("s", start, reasons[1], "55029", 9)));
    }

    @Test
    void valueOutsideItsFormIsValidatedEvenWhenItsWellFormedTwinWasFoundConforming() {
        Instant start = Instant.parse("2026-11-02T08:00:00Z");
        Encounter valid = completed("s", start, SessionDetails.RecourseReason.NO_APPOINTMENT_IN_TIME, "55029", 9);
        Encounter badCommune = completed("s", start, SessionDetails.RecourseReason.NO_APPOINTMENT_IN_TIME, "55029", 9);
        commune(badCommune).setCode("5502");
        Encounter badScore = completed("s", start, SessionDetails.RecourseReason.NO_APPOINTMENT_IN_TIME, "55029", 11);
        Encounter endsBeforeStart =
                completed("s", start, SessionDetails.RecourseReason.NO_APPOINTMENT_IN_TIME, "55029", 9);
        endsBeforeStart.getPeriod().setEnd(Date.from(start.minusSeconds(60)));

        assertThat(conformance.errors(valid)).isEmpty();
        assertThat(conformance.errors(badCommune)).anySatisfy(e -> assertThat(e).contains("mai-commune-1"));
        assertThat(conformance.errors(badScore)).anySatisfy(e -> assertThat(e).contains("mai-satisfaction-1"));
        assertThat(conformance.errors(endsBeforeStart)).anySatisfy(e -> assertThat(e).contains("per-1"));
    }

    @Test
    void profileStillConstrainsTheReplacedValuesOnlyByTheirForm() throws IOException {
        // If the profile binds these values more tightly (a value set of communes, another range), the shape must
        // keep them: this fails first.
        assertThat(constraint("StructureDefinition-patient-residence-commune.json"))
                .isEqualTo("code.matches('" + EncounterShape.COMMUNE_CODE.pattern() + "')");
        assertThat(constraint("StructureDefinition-patient-satisfaction.json")).isEqualTo(
                "$this >= " + EncounterShape.SATISFACTION_MIN + " and $this <= " + EncounterShape.SATISFACTION_MAX);
    }

    private static Coding commune(Encounter encounter) {
        Extension extension = encounter.getExtensionByUrl(MaillageFhir.EXT_PATIENT_RESIDENCE_COMMUNE);
        return (Coding) extension.getValue();
    }

    /** The one constraint on the extension's value, after checking that nothing else (binding, pattern) narrows it. */
    private String constraint(String file) throws IOException {
        try (InputStream in = EncounterShapeTest.class.getResourceAsStream("/fhir/package/" + file)) {
            StructureDefinition definition = fhir.newJsonParser().parseResource(StructureDefinition.class, in);
            List<String> expressions = new ArrayList<>();
            for (ElementDefinition element : definition.getDifferential().getElement()) {
                // The value itself and, for a Coding, its code: the system is fixed and the shape keeps it.
                if (element.getPath().equals("Extension.value[x]")
                        || element.getPath().equals("Extension.value[x].code")) {
                    assertThat(element.hasBinding() || element.hasPattern() || element.hasFixed()
                            || element.hasMinValue() || element.hasMaxValue()).as(element.getPath()).isFalse();
                    element.getConstraint().forEach(c -> expressions.add(c.getExpression()));
                }
            }
            assertThat(expressions).hasSize(1);
            return expressions.getFirst();
        }
    }
}
