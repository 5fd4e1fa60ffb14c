package fr.maillage.encounter.survey;

import fr.maillage.contract.SessionDetails;
import fr.maillage.fhir.MaillageFhir;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The study's two questionnaires, each with the FHIR id of its Questionnaire (the last segment of its canonical,
 * stored in {@code questionnaire_response.questionnaire}) and the profile its responses follow.
 */
public enum Survey {
    PATIENT(MaillageFhir.PATIENT_SURVEY, MaillageFhir.PATIENT_SURVEY_RESPONSE_PROFILE),
    ASSISTING_PROFESSIONAL(
            MaillageFhir.ASSISTING_PROFESSIONAL_SURVEY, MaillageFhir.ASSISTING_PROFESSIONAL_SURVEY_RESPONSE_PROFILE);

    private final String canonical;
    private final String profile;

    Survey(String canonical, String profile) {
        this.canonical = canonical;
        this.profile = profile;
    }

    public String canonical() {
        return canonical;
    }

    public String profile() {
        return profile;
    }

    /** The Questionnaire's id: {@code patient-survey}, {@code assisting-professional-survey}. */
    public String questionnaireId() {
        return canonical.substring(canonical.lastIndexOf('/') + 1);
    }

    /** The questionnaires a session's details answer: none when nobody answered anything. */
    static List<Survey> answeredIn(SessionDetails details) {
        List<Survey> answered = new ArrayList<>();
        if (details.recourseReason() != null || details.satisfaction() != null) {
            answered.add(PATIENT);
        }
        if (details.roleStrengthened() != null) {
            answered.add(ASSISTING_PROFESSIONAL);
        }
        return answered;
    }

    /**
     * The response's id, derived from its session and questionnaire (a name-based UUID), so that every event of the
     * session, on any backend instance, names the same response.
     */
    public UUID responseId(UUID sessionId) {
        return UUID.nameUUIDFromBytes((sessionId + "/" + questionnaireId()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The questionnaire a search value names: its canonical (optionally {@code |0.1.0}), {@code Questionnaire/{id}}
     * or the id alone.
     */
    public static Optional<Survey> named(String value) {
        String bare = value.contains("|") ? value.substring(0, value.indexOf('|')) : value;
        for (Survey survey : values()) {
            if (bare.equals(survey.canonical) || bare.equals("Questionnaire/" + survey.questionnaireId())
                    || bare.equals(survey.questionnaireId())) {
                return Optional.of(survey);
            }
        }
        return Optional.empty();
    }
}
