package fr.maillage.contract;

/**
 * The patient as far as evaluation needs and no further.
 *
 * @param ageBand age band, aligned with INSEE's population bands so rates can be computed
 * @param sex administrative sex
 * @param residenceInseeCode INSEE code of the commune of residence (a former code is accepted and resolved
 *     by the backend)
 * @param hasRegularDoctor whether the patient has declared a médecin traitant; null when unknown
 */
public record PatientProfile(AgeBand ageBand, Sex sex, String residenceInseeCode, Boolean hasRegularDoctor) {

    /** INSEE's age bands (P21_POP0014 … P21_POP90P). */
    public enum AgeBand {
        AGE_0_14,
        AGE_15_29,
        AGE_30_44,
        AGE_45_59,
        AGE_60_74,
        AGE_75_89,
        AGE_90_PLUS
    }

    /** Administrative sex, as FHIR's AdministrativeGender. */
    public enum Sex {
        FEMALE,
        MALE,
        OTHER,
        UNKNOWN
    }
}
