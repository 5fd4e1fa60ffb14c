package fr.maillage.territory.importer;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The health professions counted in the care supply, with the RPPS {@code Code profession} values they come from
 * (nomenclature TRE_G15 « Profession de santé »). Physicians (code 10) are split into general practitioners and
 * other specialists by their savoir-faire: see {@link RppsActivityReader}.
 */
public enum Profession {
    GENERAL_PRACTITIONER("Médecin généraliste", "10"),
    SPECIALIST_PHYSICIAN("Médecin spécialiste", "10"),
    PHARMACIST("Pharmacien", "21"),
    AUDIOPROSTHETIST("Audioprothésiste", "26"),
    OPTICIAN("Opticien-lunetier", "28"),
    DENTIST("Chirurgien-dentiste", "40"),
    MIDWIFE("Sage-femme", "50"),
    NURSE("Infirmier", "60", "69"),
    PHYSIOTHERAPIST("Masseur-kinésithérapeute", "70"),
    CHIROPODIST("Pédicure-podologue", "80"),
    ORTHOPROSTHETIST("Orthoprothésiste", "81"),
    PODO_ORTHOTIST("Podo-orthésiste", "82"),
    ORTHOTIST("Orthopédiste-orthésiste", "83"),
    OCULARIST("Oculariste", "84"),
    EPITHESIST("Épithésiste", "85"),
    MEDICAL_LABORATORY_TECHNICIAN("Technicien de laboratoire médical", "86"),
    SPEECH_THERAPIST("Orthophoniste", "91"),
    ORTHOPTIST("Orthoptiste", "92"),
    PSYCHOLOGIST("Psychologue", "93"),
    OCCUPATIONAL_THERAPIST("Ergothérapeute", "94"),
    DIETITIAN("Diététicien", "95"),
    PSYCHOMOTOR_THERAPIST("Psychomotricien", "96"),
    RADIOGRAPHER("Manipulateur d'électroradiologie médicale", "98");

    static final String PHYSICIAN_CODE = "10";

    private final String label;
    private final Set<String> rppsCodes;

    Profession(String label, String... rppsCodes) {
        this.label = label;
        this.rppsCodes = Set.of(rppsCodes);
    }

    /** The French label shown on screen. */
    public String label() {
        return label;
    }

    /** The profession of a non-physician RPPS code, if counted. */
    static Optional<Profession> ofNonPhysicianCode(String code) {
        return Arrays.stream(values())
                .filter(p -> !code.equals(PHYSICIAN_CODE) && p.rppsCodes.contains(code))
                .findFirst();
    }
}
