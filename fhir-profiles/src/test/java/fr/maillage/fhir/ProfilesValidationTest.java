package fr.maillage.fhir;

import static fr.maillage.fhir.Fixtures.CHAIN;
import static fr.maillage.fhir.Fixtures.VALIDATOR;
import static fr.maillage.fhir.Fixtures.describe;
import static fr.maillage.fhir.Fixtures.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's conformance gate: every resource of the package is valid FHIR, every example conforms to its
 * profile with zero errors, and the profiles reject what they are meant to reject.
 */
class ProfilesValidationTest {

    static Stream<Path> conformanceFiles() {
        return Fixtures.jsonFiles(Fixtures.packageDir()).stream();
    }

    static Stream<Path> exampleFiles() {
        return Fixtures.jsonFiles(Fixtures.packageDir().resolve("example")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformanceFiles")
    @DisplayName("each conformance resource of the package is valid FHIR R4")
    void conformanceResourceIsValid(Path file) {
        var errors = errors(VALIDATOR.validateWithResult(Fixtures.parse(file))).stream()
                .filter(m -> !isOfflineExtensionContextCheck(m))
                .toList();

        assertThat(errors).as(describe(errors)).isEmpty();
    }

    /**
     * The one error the validator (org.hl7.fhir.validation 6.7.9) reports on every R4 extension definition when
     * offline: to check an extension's context it walks the published core versions, gets "4.0", finds that it
     * does not match the loaded "4.0.1", and tries to download hl7.fhir.r4.core, which fails. What that check
     * would prove is proven offline by {@link #extensionContextsNameKnownTypes()} and by the build's snapshot
     * generation ({@link fr.maillage.fhir.build.SnapshotGenerator}), which fails on any error.
     */
    private static boolean isOfflineExtensionContextCheck(SingleValidationMessage message) {
        return message.getLocationString().equals("StructureDefinition")
                && message.getMessage().startsWith("Error generating Snapshot")
                && message.getMessage().contains("hl7.fhir.r4.core");
    }

    @Test
    @DisplayName("every extension's context names an R4 type the chain knows")
    void extensionContextsNameKnownTypes() {
        List<StructureDefinition> extensions = MaillageValidationSupport.loadConformanceResources(Fixtures.CTX).stream()
                .filter(StructureDefinition.class::isInstance)
                .map(StructureDefinition.class::cast)
                .filter(sd -> sd.getType().equals("Extension"))
                .toList();

        assertThat(extensions).hasSize(9);
        for (StructureDefinition extension : extensions) {
            assertThat(extension.getContext()).as(extension.getUrl()).isNotEmpty().allSatisfy(context -> {
                assertThat(context.getType()).isEqualTo(StructureDefinition.ExtensionContextType.ELEMENT);
                assertThat(CHAIN.fetchStructureDefinition(
                                "http://hl7.org/fhir/StructureDefinition/" + context.getExpression()))
                        .as(context.getExpression())
                        .isNotNull();
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    @DisplayName("each example conforms to the Maillage profile it declares")
    void exampleConformsToItsProfile(Path file) {
        Resource example = (Resource) Fixtures.parse(file);
        var errors = errors(VALIDATOR.validateWithResult(example));

        assertThat(example.getMeta().getProfile())
                .extracting(p -> p.getValue())
                .singleElement()
                .asString()
                .startsWith(MaillageFhir.CANONICAL_BASE);
        assertThat(errors).as(describe(errors)).isEmpty();
    }

    @Test
    @DisplayName("every profile has at least one example")
    void everyProfileHasAnExample() {
        Set<String> exemplified = exampleFiles()
                .map(f -> ((Resource) Fixtures.parse(f)).getMeta().getProfile().get(0).getValue())
                .collect(Collectors.toSet());

        assertThat(exemplified)
                .contains(
                        MaillageFhir.ENCOUNTER_PROFILE,
                        MaillageFhir.SITE_PROFILE,
                        MaillageFhir.PERIPHERAL_PROFILE,
                        MaillageFhir.SITE_OPERATOR_PROFILE,
                        MaillageFhir.PATIENT_SURVEY_RESPONSE_PROFILE,
                        MaillageFhir.ASSISTING_PROFESSIONAL_SURVEY_RESPONSE_PROFILE);
    }

    @Test
    @DisplayName("the chain serves our profiles with the built snapshots, which carry the differential's rules")
    void chainServesSnapshots() {
        var encounter = (StructureDefinition) CHAIN.fetchStructureDefinition(MaillageFhir.ENCOUNTER_PROFILE);

        assertThat(encounter.getSnapshot().getElement())
                .filteredOn(e -> e.getId().equals("Encounter.subject"))
                .singleElement()
                .extracting(ElementDefinition::getMax)
                .isEqualTo("0");
        for (IBaseResource resource : MaillageValidationSupport.loadConformanceResources(Fixtures.CTX)) {
            if (resource instanceof StructureDefinition sd) {
                assertThat(((StructureDefinition) CHAIN.fetchStructureDefinition(sd.getUrl())).hasSnapshot())
                        .as(sd.getUrl())
                        .isTrue();
            }
        }
    }

    static Stream<Arguments> brokenEncounters() {
        return Stream.of(
                broken("a subject (no Patient is ever referenced)", "Encounter.subject",
                        e -> e.setSubject(new Reference("Patient/1"))),
                broken("a reason that points at a patient's record", "Encounter.reasonReference",
                        e -> e.addReasonReference(new Reference("Condition/1"))),
                broken("a satisfaction of 11", "mai-satisfaction-1",
                        e -> extension(e, MaillageFhir.EXT_PATIENT_SATISFACTION).setValue(new IntegerType(11))),
                broken("an unknown recourse reason", "not-a-reason",
                        e -> coding(e, MaillageFhir.EXT_RECOURSE_REASON).setCode("not-a-reason")),
                broken("a finished session without an end", "mai-enc-1", e -> e.getPeriod().setEnd(null)),
                broken("a residence commune code of four digits", "mai-commune-1",
                        e -> coding(e, MaillageFhir.EXT_PATIENT_RESIDENCE_COMMUNE).setCode("5212")),
                broken("an unknown extension URL", "patient-satisfation",
                        e -> e.addExtension(MaillageFhir.CANONICAL_BASE + "/StructureDefinition/patient-satisfation",
                                new IntegerType(5))),
                broken("an in-person class", "Encounter.class",
                        e -> e.getClass_().setCode("AMB")),
                broken("a session identifier from another system", "Encounter.identifier",
                        e -> e.getIdentifierFirstRep().setSystem("urn:ietf:rfc:3986")),
                broken("a status outside the session's life", "Encounter.status",
                        e -> e.setStatus(Encounter.EncounterStatus.PLANNED)),
                broken("a boolean where a sex code is expected", "patient-sex",
                        e -> extension(e, MaillageFhir.EXT_PATIENT_SEX).setValue(new BooleanType(true))),
                broken("a remote physician without a specialty", "Encounter.participant:remotePhysician.type:specialty",
                        e -> e.getParticipant().get(1).getType().remove(1)),
                broken("an assisting role that is not in assisting-role", "surgeon",
                        e -> e.getParticipant().get(0).getType().get(1).getCodingFirstRep().setCode("surgeon")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEncounters")
    @DisplayName("the Encounter profile rejects")
    void encounterProfileRejects(String what, String expectedInAnError, Consumer<Encounter> breakIt) {
        Encounter encounter = Fixtures.example(Encounter.class, "Encounter-session-finished.json");
        breakIt.accept(encounter);

        var errors = errors(VALIDATOR.validateWithResult(encounter));

        assertThat(errors).as("errors for " + what).isNotEmpty();
        assertThat(describe(errors)).as("errors for " + what).contains(expectedInAnError);
    }

    @Test
    @DisplayName("the finished example is valid before being broken, so each rejection above has one cause")
    void unbrokenExampleIsValid() {
        var errors = errors(VALIDATOR.validateWithResult(
                Fixtures.example(Encounter.class, "Encounter-session-finished.json")));

        assertThat(errors).as(describe(errors)).isEmpty();
    }

    @Test
    @DisplayName("validating one Encounter after warm-up (prints ms per validation; not asserted)")
    void measureValidationTime() {
        Encounter encounter = Fixtures.example(Encounter.class, "Encounter-session-finished.json");
        for (int i = 0; i < 50; i++) {
            assertThat(VALIDATOR.validateWithResult(encounter).isSuccessful()).isTrue();
        }
        int runs = 200;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            assertThat(VALIDATOR.validateWithResult(encounter).isSuccessful()).isTrue();
        }
        double msPerValidation = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf("Encounter validation: %.2f ms per validation over %d runs after warm-up%n", msPerValidation, runs);
    }

    private static Arguments broken(String what, String expectedInAnError, Consumer<Encounter> breakIt) {
        return Arguments.of(what, expectedInAnError, breakIt);
    }

    private static Extension extension(Encounter encounter, String url) {
        List<Extension> found = encounter.getExtensionsByUrl(url);
        assertThat(found).as(url).hasSize(1);
        return found.get(0);
    }

    private static Coding coding(Encounter encounter, String url) {
        return (Coding) extension(encounter, url).getValue();
    }
}
