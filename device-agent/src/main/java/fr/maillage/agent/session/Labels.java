package fr.maillage.agent.session;

import static java.util.Map.entry;

import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile.AgeBand;
import fr.maillage.contract.PatientProfile.Sex;
import fr.maillage.contract.SessionDetails.Agreement;
import fr.maillage.contract.SessionDetails.Outcome;
import fr.maillage.contract.SessionDetails.PhysicianSpecialty;
import fr.maillage.contract.SessionDetails.ProfessionalRole;
import fr.maillage.contract.SessionDetails.RecourseReason;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The French words the site's staff read for the contract's codes (see the glossary). */
public final class Labels {

    private static final Map<Enum<?>, String> FRENCH = Map.ofEntries(
            entry(ProfessionalRole.NURSE, "Infirmier ou infirmière"),
            entry(ProfessionalRole.PHARMACIST, "Pharmacien ou pharmacienne"),
            entry(ProfessionalRole.OTHER, "Autre professionnel"),
            entry(PhysicianSpecialty.GENERAL_PRACTICE, "Médecine générale"),
            entry(PhysicianSpecialty.DERMATOLOGY, "Dermatologie"),
            entry(PhysicianSpecialty.CARDIOLOGY, "Cardiologie"),
            entry(PhysicianSpecialty.PSYCHIATRY, "Psychiatrie"),
            entry(PhysicianSpecialty.PAEDIATRICS, "Pédiatrie"),
            entry(PhysicianSpecialty.GERIATRICS, "Gériatrie"),
            entry(PhysicianSpecialty.OTHER_SPECIALTY, "Autre spécialité"),
            entry(RecourseReason.NO_REGULAR_DOCTOR, "Pas de médecin traitant"),
            entry(RecourseReason.REGULAR_DOCTOR_UNAVAILABLE, "Médecin traitant indisponible"),
            entry(RecourseReason.NO_APPOINTMENT_IN_TIME, "Pas de rendez-vous dans un délai raisonnable"),
            entry(RecourseReason.DOCTOR_TOO_FAR, "Médecin trop éloigné"),
            entry(RecourseReason.SPECIALIST_ACCESS, "Accès à un spécialiste"),
            entry(RecourseReason.OUT_OF_HOURS, "En dehors des heures d'ouverture des cabinets"),
            entry(RecourseReason.PATIENT_PREFERENCE, "Préférence du patient"),
            entry(RecourseReason.OTHER, "Autre motif"),
            entry(AgeBand.AGE_0_14, "0 à 14 ans"),
            entry(AgeBand.AGE_15_29, "15 à 29 ans"),
            entry(AgeBand.AGE_30_44, "30 à 44 ans"),
            entry(AgeBand.AGE_45_59, "45 à 59 ans"),
            entry(AgeBand.AGE_60_74, "60 à 74 ans"),
            entry(AgeBand.AGE_75_89, "75 à 89 ans"),
            entry(AgeBand.AGE_90_PLUS, "90 ans et plus"),
            entry(Sex.FEMALE, "Femme"),
            entry(Sex.MALE, "Homme"),
            entry(Sex.OTHER, "Autre"),
            entry(Sex.UNKNOWN, "Non renseigné"),
            entry(Outcome.ADVICE_ONLY, "Conseil seul"),
            entry(Outcome.PRESCRIPTION, "Ordonnance"),
            entry(Outcome.REFERRAL, "Orientation vers un spécialiste"),
            entry(Outcome.IN_PERSON_FOLLOW_UP, "Consultation en présentiel à prévoir"),
            entry(Outcome.EMERGENCY, "Orientation vers les urgences"),
            entry(DeviceKind.STETHOSCOPE, "Stéthoscope"),
            entry(DeviceKind.OTOSCOPE, "Otoscope"),
            entry(DeviceKind.DERMATOSCOPE, "Dermatoscope"),
            entry(DeviceKind.ECG, "ECG"),
            entry(DeviceKind.BLOOD_PRESSURE_MONITOR, "Tensiomètre"),
            entry(DeviceKind.PULSE_OXIMETER, "Oxymètre"),
            entry(DeviceKind.THERMOMETER, "Thermomètre"),
            entry(DeviceKind.CAMERA, "Caméra"),
            entry(Agreement.STRONGLY_DISAGREE, "Pas du tout d'accord"),
            entry(Agreement.DISAGREE, "Plutôt pas d'accord"),
            entry(Agreement.NEITHER_AGREE_NOR_DISAGREE, "Ni d'accord ni pas d'accord"),
            entry(Agreement.AGREE, "Plutôt d'accord"),
            entry(Agreement.STRONGLY_AGREE, "Tout à fait d'accord"));

    /** The medical peripherals a session may use (the other device kinds are the site's own equipment). */
    public static final List<DeviceKind> PERIPHERALS = List.of(DeviceKind.CAMERA, DeviceKind.STETHOSCOPE,
            DeviceKind.OTOSCOPE, DeviceKind.DERMATOSCOPE, DeviceKind.ECG, DeviceKind.BLOOD_PRESSURE_MONITOR,
            DeviceKind.PULSE_OXIMETER, DeviceKind.THERMOMETER);

    private Labels() {}

    public static String french(Enum<?> value) {
        return FRENCH.getOrDefault(value, value.name());
    }

    /** The accepted codes with their French meaning, for a message. */
    static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> FRENCH.containsKey(e) ? e.name() + " (" + FRENCH.get(e) + ")" : e.name())
                .collect(Collectors.joining(", "));
    }
}
