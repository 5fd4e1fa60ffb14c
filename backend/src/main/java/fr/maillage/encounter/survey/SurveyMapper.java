package fr.maillage.encounter.survey;

import static fr.maillage.fhir.MaillageFhir.code;

import fr.maillage.contract.SessionDetails;
import fr.maillage.fhir.MaillageFhir;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * A session's answers to one questionnaire as a QuestionnaireResponse of its survey profile: linked to the
 * session's Encounter, with no subject, author or identifier (nothing that could point at the patient or the
 * professional), one answer per item answered.
 */
@Singleton
public class SurveyMapper {

    public QuestionnaireResponse toResource(Survey survey, UUID sessionId, SessionDetails details, Instant authored,
            int version, Instant updatedAt) {
        var response = new QuestionnaireResponse();
        response.setId(survey.responseId(sessionId).toString());
        response.getMeta().addProfile(survey.profile())
                .setVersionId(Integer.toString(version))
                .setLastUpdated(Date.from(updatedAt));
        response.setQuestionnaire(survey.canonical());
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setEncounter(new Reference("Encounter/" + sessionId));
        response.setAuthored(Date.from(authored));
        switch (survey) {
            case PATIENT -> {
                if (details.recourseReason() != null) {
                    answer(response, MaillageFhir.ITEM_RECOURSE_REASON,
                            new Coding(MaillageFhir.CS_RECOURSE_REASON, code(details.recourseReason()), null));
                }
                if (details.satisfaction() != null) {
                    answer(response, MaillageFhir.ITEM_SATISFACTION, new IntegerType(details.satisfaction()));
                }
            }
            case ASSISTING_PROFESSIONAL -> answer(response, MaillageFhir.ITEM_ROLE_STRENGTHENED,
                    new Coding(MaillageFhir.CS_AGREEMENT, code(details.roleStrengthened()), null));
        }
        return response;
    }

    private static void answer(QuestionnaireResponse response, String linkId, Type value) {
        response.addItem().setLinkId(linkId).addAnswer().setValue(value);
    }
}
