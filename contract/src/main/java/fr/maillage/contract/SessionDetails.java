package fr.maillage.contract;

import java.time.Instant;
import java.util.List;

/**
 * What the assisting professional records of a session. Nothing here identifies the patient: an age band,
 * a sex and a commune of residence at most.
 *
 * @param startedAt when the remote doctor joined
 * @param endedAt when the consultation ended; required once completed
 * @param assistingProfessional who sat beside the patient
 * @param remotePhysicianSpecialty the remote doctor's specialty
 * @param recourseReason why the patient used teleconsultation
 * @param patient the minimised patient profile
 * @param devicesUsed the peripherals used during the consultation
 * @param outcome what the consultation led to
 * @param satisfaction the patient's satisfaction from 0 to 10, when asked
 */
public record SessionDetails(
        Instant startedAt,
        Instant endedAt,
        ProfessionalRole assistingProfessional,
        PhysicianSpecialty remotePhysicianSpecialty,
        RecourseReason recourseReason,
        PatientProfile patient,
        List<DeviceKind> devicesUsed,
        Outcome outcome,
        Integer satisfaction) {

    public SessionDetails {
        devicesUsed = devicesUsed == null ? List.of() : List.copyOf(devicesUsed);
    }

    /** The professional beside the patient (infirmier, pharmacien accompagnant). */
    public enum ProfessionalRole {
        NURSE,
        PHARMACIST,
        OTHER
    }

    /** The remote doctor's specialty. */
    public enum PhysicianSpecialty {
        GENERAL_PRACTICE,
        DERMATOLOGY,
        CARDIOLOGY,
        PSYCHIATRY,
        PAEDIATRICS,
        GERIATRICS,
        OTHER_SPECIALTY
    }

    /** Motif de recours: why the patient came to a teleconsultation site rather than a surgery. */
    public enum RecourseReason {
        NO_REGULAR_DOCTOR,
        REGULAR_DOCTOR_UNAVAILABLE,
        NO_APPOINTMENT_IN_TIME,
        DOCTOR_TOO_FAR,
        SPECIALIST_ACCESS,
        OUT_OF_HOURS,
        PATIENT_PREFERENCE,
        OTHER
    }

    /** What the consultation led to. */
    public enum Outcome {
        ADVICE_ONLY,
        PRESCRIPTION,
        REFERRAL,
        IN_PERSON_FOLLOW_UP,
        EMERGENCY
    }
}
