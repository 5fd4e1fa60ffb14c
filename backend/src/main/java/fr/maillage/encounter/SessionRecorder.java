package fr.maillage.encounter;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.encounter.survey.SurveyRecorder;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Encounter;

/**
 * Applies session events to stored Encounters. Runs inside the ingest's transaction: the event id, the
 * Encounter and its columns, and the questionnaire responses the event carries, are committed together or not at all.
 * Only Encounters and responses that conform to their profiles are stored; any other is refused with the
 * validator's messages.
 */
@Singleton
public class SessionRecorder {

    private final EncounterRepository encounters;
    private final EncounterEventRepository events;
    private final EncounterMapper mapper;
    private final EncounterConformance conformance;
    private final FhirContext fhir;
    private final SurveyRecorder surveys;

    SessionRecorder(
            EncounterRepository encounters,
            EncounterEventRepository events,
            EncounterMapper mapper,
            EncounterConformance conformance,
            FhirContext fhir,
            SurveyRecorder surveys) {
        this.surveys = surveys;
        this.encounters = encounters;
        this.events = events;
        this.mapper = mapper;
        this.conformance = conformance;
        this.fhir = fhir;
    }

    /** @return false when this event was applied before (a redelivery) */
    public boolean onSessionEvent(SessionEvent event, Instant receivedAt) {
        long inserted = events.insertIfAbsent(
                event.eventId(),
                event.sessionId(),
                event.siteId(),
                event.type().name(),
                event.occurredAt(),
                receivedAt);
        if (inserted == 0) {
            return false;
        }
        return record(event, receivedAt);
    }

    /** Applies a new event to the session's Encounter, creating it on the session's first event. */
    private boolean record(SessionEvent event, Instant receivedAt) {
        Optional<StoredEncounter> stored = encounters.findByIdForUpdate(event.sessionId());
        if (stored.isPresent() && !stored.get().siteId().equals(event.siteId())) {
            throw new SessionRejectedException(SessionRejectedException.Reason.SESSION_OF_ANOTHER_SITE,
                    "session " + event.sessionId() + " belongs to site " + stored.get().siteId());
        }
        Encounter encounter = stored.map(s -> fhir.newJsonParser().parseResource(Encounter.class, s.resource()))
                .orElseGet(() -> mapper.create(event));
        if (!mapper.apply(encounter, event, receivedAt)) {
            return true;
        }
        int version = stored.map(s -> s.versionId() + 1).orElse(1);
        encounter.getMeta().setVersionId(Integer.toString(version));
        List<String> errors = conformance.errors(encounter);
        if (!errors.isEmpty()) {
            throw new SessionRejectedException(
                    SessionRejectedException.Reason.NON_CONFORMING_ENCOUNTER, String.join("; ", errors));
        }
        StoredEncounter row = toRow(event, encounter, stored, version, receivedAt);
        if (stored.isPresent()) {
            encounters.update(row);
        } else if (encounters.insertIfAbsent(row) == 0) {
            // Another backend instance created the Encounter with another event of this session since it was
            // read (the insert waited for that commit): apply this event on top of theirs, now locked.
            return record(event, receivedAt);
        }
        surveys.record(event, receivedAt);
        return true;
    }

    private StoredEncounter toRow(
            SessionEvent event, Encounter encounter, Optional<StoredEncounter> stored, int version, Instant now) {
        Optional<SessionDetails> details = Optional.ofNullable(event.details());
        Optional<PatientProfile> patient = details.map(SessionDetails::patient);
        return new StoredEncounter(
                event.sessionId(),
                event.siteId(),
                encounter.getStatus().toCode(),
                encounter.getPeriod().getStart().toInstant(),
                encounter.getPeriod().hasEnd() ? encounter.getPeriod().getEnd().toInstant() : null,
                column(patient.map(PatientProfile::residenceInseeCode), stored, StoredEncounter::residenceInseeCode),
                column(patient.map(p -> name(p.ageBand())), stored, StoredEncounter::ageBand),
                column(patient.map(p -> name(p.sex())), stored, StoredEncounter::sex),
                column(patient.map(PatientProfile::hasRegularDoctor), stored, StoredEncounter::hasRegularDoctor),
                column(details.map(d -> name(d.recourseReason())), stored, StoredEncounter::recourseReason),
                column(details.map(d -> name(d.outcome())), stored, StoredEncounter::outcome),
                column(details.map(d -> d.satisfaction() == null ? null : d.satisfaction().shortValue()),
                        stored, StoredEncounter::satisfaction),
                column(details.map(d -> name(d.assistingProfessional())), stored, StoredEncounter::assistingRole),
                column(details.map(d -> name(d.remotePhysicianSpecialty())), stored,
                        StoredEncounter::physicianSpecialty),
                version,
                fhir.newJsonParser().encodeResourceToString(encounter),
                now);
    }

    /** The event's value when it carries details, else what was stored. */
    private static <T> T column(
            Optional<T> fromEvent, Optional<StoredEncounter> stored, Function<StoredEncounter, T> fromStored) {
        return fromEvent.or(() -> stored.map(fromStored)).orElse(null);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
