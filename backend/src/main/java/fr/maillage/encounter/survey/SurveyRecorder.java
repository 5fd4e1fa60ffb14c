package fr.maillage.encounter.survey;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.encounter.EncounterConformance;
import fr.maillage.encounter.SessionRejectedException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * Stores the questionnaire answers an applied session event carries, in the transaction that stored its Encounter:
 * the caller has applied the event (so a redelivery, stopped by the event ledger, never reaches here) and holds
 * the Encounter's row lock (so two events of one session write their responses one after the other). Only
 * responses that conform to their profile, and so to their Questionnaire, are stored.
 */
@Singleton
public class SurveyRecorder {

    private final StoredResponseRepository responses;
    private final SurveyMapper mapper;
    private final EncounterConformance conformance;
    private final FhirContext fhir;
    /**
     * Answer combinations found conforming. A response varies otherwise only by values whose form the wire schema
     * has checked (the session UUID in its id and Encounter reference, instants), and there are fewer than 700
     * combinations (9 reasons or none × 12 satisfactions or none, 6 agreements), so the set stays small.
     */
    private final Set<String> conforming = ConcurrentHashMap.newKeySet();

    SurveyRecorder(StoredResponseRepository responses, SurveyMapper mapper, EncounterConformance conformance,
            FhirContext fhir) {
        this.responses = responses;
        this.mapper = mapper;
        this.conformance = conformance;
        this.fhir = fhir;
    }

    /** @return how many responses were written (0 when the event answers no question) */
    public int record(SessionEvent event, Instant receivedAt) {
        SessionDetails details = event.details();
        if (details == null) {
            return 0;
        }
        List<Survey> answered = Survey.answeredIn(details);
        Instant authored = details.endedAt() != null ? details.endedAt() : event.occurredAt();
        for (Survey survey : answered) {
            Optional<StoredResponse> stored = responses.findById(survey.responseId(event.sessionId()));
            int version = stored.map(s -> s.versionId() + 1).orElse(1);
            QuestionnaireResponse resource =
                    mapper.toResource(survey, event.sessionId(), details, authored, version, receivedAt);
            check(survey, details, resource);
            var row = new StoredResponse(survey.responseId(event.sessionId()), event.sessionId(),
                    survey.questionnaireId(), event.siteId(), authored, name(details.recourseReason()),
                    details.satisfaction() == null ? null : details.satisfaction().shortValue(),
                    name(details.roleStrengthened()), version, fhir.newJsonParser().encodeResourceToString(resource),
                    receivedAt);
            if (stored.isPresent()) {
                responses.update(row);
            } else {
                responses.save(row);
            }
        }
        return answered.size();
    }

    private void check(Survey survey, SessionDetails details, QuestionnaireResponse resource) {
        String key = survey + "|" + details.recourseReason() + "|" + details.satisfaction() + "|"
                + details.roleStrengthened();
        if (conforming.contains(key)) {
            return;
        }
        List<String> errors = conformance.errors(resource);
        if (!errors.isEmpty()) {
            throw new SessionRejectedException(
                    SessionRejectedException.Reason.NON_CONFORMING_RESPONSE, String.join("; ", errors));
        }
        conforming.add(key);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
