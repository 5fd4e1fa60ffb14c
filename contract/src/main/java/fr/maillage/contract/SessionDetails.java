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
 * @param roleStrengthened the assisting professional's answer to "this practice strengthens my role as a
 *     professional", when asked; absent from what older agents send, which stays valid in schema version 1
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
        Integer satisfaction,
        Agreement roleStrengthened) {

    public SessionDetails {
        devicesUsed = devicesUsed == null ? List.of() : List.copyOf(devicesUsed);
    }

    /** Details without the professional's answer: what an agent older than the question sends. */
    public SessionDetails(
            Instant startedAt,
            Instant endedAt,
            ProfessionalRole assistingProfessional,
            PhysicianSpecialty remotePhysicianSpecialty,
            RecourseReason recourseReason,
            PatientProfile patient,
            List<DeviceKind> devicesUsed,
            Outcome outcome,
            Integer satisfaction) {
        this(startedAt, endedAt, assistingProfessional, remotePhysicianSpecialty, recourseReason, patient,
                devicesUsed, outcome, satisfaction, null);
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

    /**
     * A five-point Likert answer, from "strongly disagree" to "strongly agree". Chosen over yes/no so that the
     * study can report the share who agree (agree or strongly agree, e-Meuse's "over 80 %") and still keep how
     * firmly they do.
     */
    public enum Agreement {
        STRONGLY_DISAGREE,
        DISAGREE,
        NEITHER_AGREE_NOR_DISAGREE,
        AGREE,
        STRONGLY_AGREE
    }
}
