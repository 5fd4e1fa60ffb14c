package fr.maillage.agent.simulator;

import static java.util.Map.entry;

import fr.maillage.agent.commune.Commune;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.PatientProfile.AgeBand;
import fr.maillage.contract.PatientProfile.Sex;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionDetails.Agreement;
import fr.maillage.contract.SessionDetails.Outcome;
import fr.maillage.contract.SessionDetails.PhysicianSpecialty;
import fr.maillage.contract.SessionDetails.ProfessionalRole;
import fr.maillage.contract.SessionDetails.RecourseReason;
import fr.maillage.contract.SiteKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Draws what a session looks like, with proportions in line with published evaluations of assisted
 * teleconsultation in under-served areas: nine patients in ten come because a doctor is hard to reach,
 * patients are older than the population, and satisfaction is high.
 */
final class SessionModel {

    /** About 93 % of the weight goes to "a doctor is hard to reach" reasons, the rest to other reasons. */
    static final Weighted<RecourseReason> REASONS = Weighted.of(
            entry(RecourseReason.NO_REGULAR_DOCTOR, 0.34),
            entry(RecourseReason.NO_APPOINTMENT_IN_TIME, 0.30),
            entry(RecourseReason.REGULAR_DOCTOR_UNAVAILABLE, 0.18),
            entry(RecourseReason.DOCTOR_TOO_FAR, 0.08),
            entry(RecourseReason.OUT_OF_HOURS, 0.03),
            entry(RecourseReason.SPECIALIST_ACCESS, 0.03),
            entry(RecourseReason.PATIENT_PREFERENCE, 0.025),
            entry(RecourseReason.OTHER, 0.015));

    private static final Weighted<AgeBand> AGES = Weighted.of(
            entry(AgeBand.AGE_0_14, 0.07),
            entry(AgeBand.AGE_15_29, 0.09),
            entry(AgeBand.AGE_30_44, 0.12),
            entry(AgeBand.AGE_45_59, 0.16),
            entry(AgeBand.AGE_60_74, 0.25),
            entry(AgeBand.AGE_75_89, 0.24),
            entry(AgeBand.AGE_90_PLUS, 0.07));

    private static final Weighted<Sex> SEXES =
            Weighted.of(entry(Sex.FEMALE, 0.56), entry(Sex.MALE, 0.43), entry(Sex.UNKNOWN, 0.01));

    private static final Weighted<Integer> SATISFACTION = Weighted.of(
            entry(10, 0.38), entry(9, 0.26), entry(8, 0.19), entry(7, 0.08), entry(6, 0.04), entry(5, 0.02),
            entry(4, 0.01), entry(3, 0.01), entry(2, 0.005), entry(1, 0.003), entry(0, 0.002));

    /**
     * The professional's answer to "this practice strengthens my role", when asked: 83 % agree or strongly agree, in
     * line with e-Meuse's "over 80 %" (an assumption for the demo, not a measured distribution).
     */
    private static final Weighted<Agreement> ROLE_STRENGTHENED = Weighted.of(
            entry(Agreement.STRONGLY_AGREE, 0.45), entry(Agreement.AGREE, 0.38),
            entry(Agreement.NEITHER_AGREE_NOR_DISAGREE, 0.10), entry(Agreement.DISAGREE, 0.05),
            entry(Agreement.STRONGLY_DISAGREE, 0.02));

    /** Share of completed sessions where the professional answers the question (it may be skipped). */
    private static final double ROLE_ANSWER_SHARE = 0.4;

    private static final Weighted<Outcome> OUTCOMES = Weighted.of(
            entry(Outcome.PRESCRIPTION, 0.62),
            entry(Outcome.ADVICE_ONLY, 0.18),
            entry(Outcome.REFERRAL, 0.10),
            entry(Outcome.IN_PERSON_FOLLOW_UP, 0.08),
            entry(Outcome.EMERGENCY, 0.02));

    private static final Weighted<PhysicianSpecialty> SPECIALTIES = Weighted.of(
            entry(PhysicianSpecialty.GENERAL_PRACTICE, 0.90),
            entry(PhysicianSpecialty.DERMATOLOGY, 0.035),
            entry(PhysicianSpecialty.CARDIOLOGY, 0.02),
            entry(PhysicianSpecialty.PSYCHIATRY, 0.02),
            entry(PhysicianSpecialty.GERIATRICS, 0.015),
            entry(PhysicianSpecialty.PAEDIATRICS, 0.01));

    /** How often each peripheral is used when the site has it. */
    private static final Map<DeviceKind, Double> DEVICE_USE = Map.of(
            DeviceKind.CAMERA, 0.9,
            DeviceKind.STETHOSCOPE, 0.5,
            DeviceKind.BLOOD_PRESSURE_MONITOR, 0.45,
            DeviceKind.PULSE_OXIMETER, 0.4,
            DeviceKind.THERMOMETER, 0.3,
            DeviceKind.OTOSCOPE, 0.25,
            DeviceKind.DERMATOSCOPE, 0.08,
            DeviceKind.ECG, 0.05);

    /** Share of patients living in the site's own commune; the others come from the nearest communes. */
    private static final double LOCAL_SHARE = 0.55;

    private final SiteKind kind;
    private final Commune commune;
    private final List<Commune> neighbours;
    private final List<DeviceKind> peripherals;

    SessionModel(SiteKind kind, Commune commune, List<Commune> neighbours, List<DeviceKind> peripherals) {
        this.kind = kind;
        this.commune = commune;
        this.neighbours = List.copyOf(neighbours);
        this.peripherals = List.copyOf(peripherals);
    }

    ProfessionalRole professional(RandomGenerator random) {
        if (kind == SiteKind.PHARMACY) {
            return random.nextDouble() < 0.95 ? ProfessionalRole.PHARMACIST : ProfessionalRole.OTHER;
        }
        return random.nextDouble() < 0.88 ? ProfessionalRole.NURSE : ProfessionalRole.OTHER;
    }

    /** What is known when the remote doctor joins. */
    SessionDetails started(Instant startedAt, ProfessionalRole professional) {
        return new SessionDetails(startedAt, null, professional, null, null, null, List.of(), null, null);
    }

    /** Everything recorded at the end of a completed consultation. */
    SessionDetails completed(Instant startedAt, Instant endedAt, ProfessionalRole professional, RandomGenerator random) {
        RecourseReason reason = REASONS.pick(random);
        boolean regularDoctor = reason != RecourseReason.NO_REGULAR_DOCTOR && random.nextDouble() < 0.85;
        Commune residence = random.nextDouble() < LOCAL_SHARE || neighbours.isEmpty()
                ? commune
                : neighbours.get(random.nextInt(neighbours.size()));
        PatientProfile patient = new PatientProfile(AGES.pick(random), SEXES.pick(random), residence.inseeCode(), regularDoctor);
        List<DeviceKind> used = new ArrayList<>();
        for (DeviceKind device : peripherals) {
            if (random.nextDouble() < DEVICE_USE.getOrDefault(device, 0.1)) {
                used.add(device);
            }
        }
        Integer satisfaction = random.nextDouble() < 0.85 ? SATISFACTION.pick(random) : null;
        PhysicianSpecialty specialty = SPECIALTIES.pick(random);
        Outcome outcome = OUTCOMES.pick(random);
        Agreement role = random.nextDouble() < ROLE_ANSWER_SHARE ? ROLE_STRENGTHENED.pick(random) : null;
        return new SessionDetails(startedAt, endedAt, professional, specialty, reason, patient, used, outcome,
                satisfaction, role);
    }

    /** What is known of a session cancelled before its end (doctor unavailable, patient left). */
    SessionDetails cancelled(Instant startedAt, Instant endedAt, ProfessionalRole professional) {
        return new SessionDetails(startedAt, endedAt, professional, null, null, null, List.of(), null, null);
    }
}
