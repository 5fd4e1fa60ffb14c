package fr.maillage.encounter;

import static fr.maillage.fhir.MaillageFhir.code;

import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.fhir.MaillageFhir;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * Maps session events onto a FHIR R4 Encounter following the assisted-teleconsultation profile. Nothing that
 * identifies the patient is written: no subject, only the minimised profile as extensions.
 */
@Singleton
public class EncounterMapper {

    /** A new Encounter for the session of {@code event}, with what every Encounter of the profile carries. */
    public Encounter create(SessionEvent event) {
        var encounter = new Encounter();
        encounter.setId(event.sessionId().toString());
        encounter.getMeta().addProfile(MaillageFhir.ENCOUNTER_PROFILE);
        encounter.addIdentifier()
                .setSystem(MaillageFhir.SESSION_ID_SYSTEM)
                .setValue(event.sessionId().toString());
        encounter.setClass_(
                new Coding(MaillageFhir.V3_ACT_CODE_SYSTEM, MaillageFhir.ENCOUNTER_CLASS_VIRTUAL, "virtual"));
        encounter.setServiceType(new CodeableConcept(new Coding(
                MaillageFhir.CS_SERVICE_TYPE,
                MaillageFhir.SERVICE_TYPE_ASSISTED_TELECONSULTATION,
                "Téléconsultation assistée")));
        encounter.addLocation().setLocation(new Reference("Location/" + event.siteId()));
        encounter.setStatus(EncounterStatus.INPROGRESS);
        encounter.getPeriod().setStart(Date.from(event.occurredAt()));
        return encounter;
    }

    /**
     * Applies an event to the session's Encounter. A final status (finished, cancelled) is never left, so
     * events may arrive in any order.
     *
     * @return whether the Encounter changed
     */
    public boolean apply(Encounter encounter, SessionEvent event, Instant receivedAt) {
        if (isFinal(encounter.getStatus())) {
            return false;
        }
        encounter.setStatus(switch (event.type()) {
            case STARTED -> EncounterStatus.INPROGRESS;
            case COMPLETED -> EncounterStatus.FINISHED;
            case CANCELLED -> EncounterStatus.CANCELLED;
        });
        if (event.details() != null) {
            applyDetails(encounter, event.details());
        }
        encounter.getMeta().setLastUpdated(Date.from(receivedAt));
        return true;
    }

    static boolean isFinal(EncounterStatus status) {
        return status == EncounterStatus.FINISHED || status == EncounterStatus.CANCELLED;
    }

    private void applyDetails(Encounter encounter, SessionDetails details) {
        encounter.getPeriod().setStart(Date.from(details.startedAt()));
        if (details.endedAt() != null) {
            encounter.getPeriod().setEnd(Date.from(details.endedAt()));
        }
        encounter.getParticipant().clear();
        encounter.addParticipant()
                .addType(new CodeableConcept(new Coding(
                        MaillageFhir.V3_PARTICIPATION_TYPE_SYSTEM,
                        MaillageFhir.PARTICIPATION_ASSISTING,
                        "secondary performer")))
                .addType(concept(MaillageFhir.CS_ASSISTING_ROLE, details.assistingProfessional()));
        if (details.remotePhysicianSpecialty() != null) {
            encounter.addParticipant()
                    .addType(new CodeableConcept(new Coding(
                            MaillageFhir.V3_PARTICIPATION_TYPE_SYSTEM,
                            MaillageFhir.PARTICIPATION_REMOTE_PHYSICIAN,
                            "primary performer")))
                    .addType(concept(MaillageFhir.CS_PHYSICIAN_SPECIALTY, details.remotePhysicianSpecialty()));
        }
        encounter.getExtension().clear();
        if (details.recourseReason() != null) {
            setExtension(encounter, MaillageFhir.EXT_RECOURSE_REASON,
                    coding(MaillageFhir.CS_RECOURSE_REASON, details.recourseReason()));
        }
        PatientProfile patient = details.patient();
        if (patient != null) {
            if (patient.residenceInseeCode() != null) {
                setExtension(encounter, MaillageFhir.EXT_PATIENT_RESIDENCE_COMMUNE,
                        new Coding(MaillageFhir.INSEE_COMMUNE_SYSTEM, patient.residenceInseeCode(), null));
            }
            if (patient.ageBand() != null) {
                setExtension(encounter, MaillageFhir.EXT_PATIENT_AGE_BAND,
                        coding(MaillageFhir.CS_AGE_BAND, patient.ageBand()));
            }
            if (patient.sex() != null) {
                setExtension(encounter, MaillageFhir.EXT_PATIENT_SEX, new CodeType(code(patient.sex())));
            }
            if (patient.hasRegularDoctor() != null) {
                setExtension(encounter, MaillageFhir.EXT_HAS_REGULAR_DOCTOR,
                        new BooleanType(patient.hasRegularDoctor()));
            }
        }
        if (details.outcome() != null) {
            setExtension(encounter, MaillageFhir.EXT_CONSULTATION_OUTCOME,
                    coding(MaillageFhir.CS_CONSULTATION_OUTCOME, details.outcome()));
        }
        if (details.satisfaction() != null) {
            setExtension(encounter, MaillageFhir.EXT_PATIENT_SATISFACTION, new IntegerType(details.satisfaction()));
        }
        for (DeviceKind device : details.devicesUsed()) {
            encounter.addExtension(MaillageFhir.EXT_DEVICE_USED, coding(MaillageFhir.CS_DEVICE_KIND, device));
        }
    }

    private static void setExtension(Encounter encounter, String url, Type value) {
        encounter.addExtension(url, value);
    }

    private static Coding coding(String codeSystem, Enum<?> value) {
        return new Coding(codeSystem, code(value), null);
    }

    private static CodeableConcept concept(String codeSystem, Enum<?> value) {
        return new CodeableConcept(coding(codeSystem, value));
    }
}
