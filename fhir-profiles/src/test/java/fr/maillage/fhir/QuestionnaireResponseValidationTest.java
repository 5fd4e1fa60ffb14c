package fr.maillage.fhir;

import static fr.maillage.fhir.Fixtures.VALIDATOR;
import static fr.maillage.fhir.Fixtures.describe;
import static fr.maillage.fhir.Fixtures.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The survey responses are checked against their profile and, through it, against their Questionnaire: the
 * validator finds the Questionnaire in the package by its canonical and checks each item's linkId, type and
 * answer value set.
 */
class QuestionnaireResponseValidationTest {

    private static final String PATIENT = "QuestionnaireResponse-patient-survey-session-finished.json";
    private static final String PROFESSIONAL = "QuestionnaireResponse-assisting-professional-survey-session-finished.json";

    static Stream<Arguments> brokenResponses() {
        return Stream.of(
                broken("a patient as subject", "QuestionnaireResponse.subject", PATIENT,
                        r -> r.setSubject(new Reference("Patient/1"))),
                broken("an author (who answered could be identified)", "QuestionnaireResponse.author", PATIENT,
                        r -> r.setAuthor(new Reference("Practitioner/1"))),
                broken("an identifier", "QuestionnaireResponse.identifier", PATIENT,
                        r -> r.getIdentifier().setSystem("urn:oid:1.2.250.1.213.1.4.8").setValue("1234567890123")),
                broken("no encounter", "QuestionnaireResponse.encounter", PATIENT, r -> r.setEncounter(null)),
                broken("another questionnaire than the profile's", "QuestionnaireResponse.questionnaire", PATIENT,
                        r -> r.setQuestionnaire(MaillageFhir.ASSISTING_PROFESSIONAL_SURVEY)),
                broken("an in-progress response", "QuestionnaireResponse.status", PATIENT,
                        r -> r.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS)),
                broken("a satisfaction of 11", "mai-qr-satisfaction-1", PATIENT,
                        r -> item(r, MaillageFhir.ITEM_SATISFACTION).getAnswerFirstRep().setValue(new IntegerType(11))),
                broken("a satisfaction given as text", "satisfaction", PATIENT,
                        r -> item(r, MaillageFhir.ITEM_SATISFACTION).getAnswerFirstRep().setValue(new StringType("9"))),
                broken("a recourse reason outside its value set", "not-a-reason", PATIENT,
                        r -> ((Coding) item(r, MaillageFhir.ITEM_RECOURSE_REASON).getAnswerFirstRep().getValue())
                                .setCode("not-a-reason")),
                broken("an item the questionnaire does not have", "patient-name", PATIENT,
                        r -> r.addItem().setLinkId("patient-name").addAnswer().setValue(new StringType("Dupont"))),
                broken("two answers to one question", "QuestionnaireResponse.item.answer", PATIENT,
                        r -> item(r, MaillageFhir.ITEM_SATISFACTION).addAnswer().setValue(new IntegerType(8))),
                broken("a yes/no instead of the agreement scale", "yes", PROFESSIONAL,
                        r -> ((Coding) item(r, MaillageFhir.ITEM_ROLE_STRENGTHENED).getAnswerFirstRep().getValue())
                                .setCode("yes")),
                broken("the patient's question in the professional's response", "satisfaction", PROFESSIONAL,
                        r -> r.addItem().setLinkId(MaillageFhir.ITEM_SATISFACTION).addAnswer()
                                .setValue(new IntegerType(9))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenResponses")
    @DisplayName("a survey response profile rejects")
    void profileRejects(String what, String expectedInAnError, String example, Consumer<QuestionnaireResponse> breakIt) {
        QuestionnaireResponse response = Fixtures.example(QuestionnaireResponse.class, example);
        breakIt.accept(response);

        var errors = errors(VALIDATOR.validateWithResult(response));

        assertThat(errors).as("errors for " + what).isNotEmpty();
        assertThat(describe(errors)).as("errors for " + what).contains(expectedInAnError);
    }

    @Test
    @DisplayName("each Questionnaire's items are those the Java constants name, bound to the package's value sets")
    void questionnairesHaveTheItemsTheConstantsName() {
        var patient = (Questionnaire) Fixtures.CHAIN.fetchResource(Questionnaire.class, MaillageFhir.PATIENT_SURVEY);
        var professional = (Questionnaire) Fixtures.CHAIN.fetchResource(
                Questionnaire.class, MaillageFhir.ASSISTING_PROFESSIONAL_SURVEY);

        assertThat(patient.getItem()).extracting(Questionnaire.QuestionnaireItemComponent::getLinkId)
                .containsExactly(MaillageFhir.ITEM_RECOURSE_REASON, MaillageFhir.ITEM_SATISFACTION);
        assertThat(patient.getItem().get(0).getAnswerValueSet())
                .isEqualTo(MaillageFhir.CANONICAL_BASE + "/ValueSet/recourse-reason");
        assertThat(professional.getItem()).singleElement().satisfies(item -> {
            assertThat(item.getLinkId()).isEqualTo(MaillageFhir.ITEM_ROLE_STRENGTHENED);
            assertThat(item.getAnswerValueSet()).isEqualTo(MaillageFhir.CANONICAL_BASE + "/ValueSet/agreement");
        });
    }

    @Test
    @DisplayName("validating one patient response after warm-up (prints ms per validation; not asserted)")
    void measureValidationTime() {
        QuestionnaireResponse response = Fixtures.example(QuestionnaireResponse.class, PATIENT);
        for (int i = 0; i < 50; i++) {
            assertThat(VALIDATOR.validateWithResult(response).isSuccessful()).isTrue();
        }
        int runs = 200;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            assertThat(VALIDATOR.validateWithResult(response).isSuccessful()).isTrue();
        }
        System.out.printf("QuestionnaireResponse validation: %.2f ms per validation over %d runs after warm-up%n",
                (System.nanoTime() - start) / 1e6 / runs, runs);
    }

    private static QuestionnaireResponse.QuestionnaireResponseItemComponent item(
            QuestionnaireResponse response, String linkId) {
        return response.getItem().stream().filter(i -> i.getLinkId().equals(linkId)).findFirst().orElseThrow();
    }

    private static Arguments broken(
            String what, String expectedInAnError, String example, Consumer<QuestionnaireResponse> breakIt) {
        return Arguments.of(what, expectedInAnError, example, breakIt);
    }
}
