package fr.maillage.encounter.survey;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.encounter.EncounterConformance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every answer the contract accepts maps to a response that its profile, and its Questionnaire, accept. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyMapperTest {

    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    private final FhirContext fhir = FhirContext.forR4();
    private final SurveyMapper mapper = new SurveyMapper();
    private EncounterConformance conformance;

    @BeforeAll
    void loadProfiles() {
        conformance = new EncounterConformance(fhir);
    }

    private static SessionDetails details(SessionDetails.RecourseReason reason, Integer satisfaction,
            SessionDetails.Agreement role) {
        return new SessionDetails(START, START.plusSeconds(600), SessionDetails.ProfessionalRole.NURSE, null, reason,
                new PatientProfile(null, null, null, null), List.of(), SessionDetails.Outcome.ADVICE_ONLY, satisfaction,
                role);
    }

    /** Each reason, each satisfaction from 0 to 10, each agreement, once; and the patient answering one of two. */
    Stream<SessionDetails> everyAnswer() {
        List<SessionDetails> all = new ArrayList<>();
        for (SessionDetails.RecourseReason reason : SessionDetails.RecourseReason.values()) {
            all.add(details(reason, null, null));
        }
        for (int satisfaction = 0; satisfaction <= 10; satisfaction++) {
            all.add(details(null, satisfaction, null));
        }
        for (SessionDetails.Agreement role : SessionDetails.Agreement.values()) {
            all.add(details(SessionDetails.RecourseReason.OTHER, 5, role));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("everyAnswer")
    @DisplayName("each questionnaire answered maps to a conforming response")
    void everyAnswerConforms(SessionDetails details) {
        UUID session = UUID.randomUUID();
        List<Survey> answered = Survey.answeredIn(details);
        assertThat(answered).isNotEmpty();
        for (Survey survey : answered) {
            QuestionnaireResponse response =
                    mapper.toResource(survey, session, details, details.endedAt(), 1, Instant.now());

            assertThat(conformance.errors(response)).as(survey + " " + details).isEmpty();
            assertThat(response.getIdElement().getIdPart()).isEqualTo(survey.responseId(session).toString());
            assertThat(response.getEncounter().getReference()).isEqualTo("Encounter/" + session);
        }
    }

    @Test
    @DisplayName("a session answers the professional's questionnaire only when the professional answered")
    void questionnairesAnsweredFollowTheDetails() {
        assertThat(Survey.answeredIn(details(null, null, null))).isEmpty();
        assertThat(Survey.answeredIn(details(null, 9, null))).containsExactly(Survey.PATIENT);
        assertThat(Survey.answeredIn(details(null, null, SessionDetails.Agreement.AGREE)))
                .containsExactly(Survey.ASSISTING_PROFESSIONAL);
    }

    @Test
    @DisplayName("a response's id is the same for every event of a session, and differs per questionnaire")
    void responseIdsAreStablePerSessionAndQuestionnaire() {
        UUID session = UUID.randomUUID();

        assertThat(Survey.PATIENT.responseId(session)).isEqualTo(Survey.PATIENT.responseId(session))
                .isNotEqualTo(Survey.ASSISTING_PROFESSIONAL.responseId(session))
                .isNotEqualTo(Survey.PATIENT.responseId(UUID.randomUUID()));
        assertThat(Survey.named("https://maillage.fr/fhir/Questionnaire/patient-survey|0.1.0")).contains(Survey.PATIENT);
        assertThat(Survey.named("Questionnaire/assisting-professional-survey"))
                .contains(Survey.ASSISTING_PROFESSIONAL);
        assertThat(Survey.named("phq-9")).isEmpty();
    }
}
