package fr.maillage.fhir;

import java.util.Locale;

/**
 * The canonical URLs of the Maillage FHIR package ({@value #PACKAGE_NAME}) and the rule that turns the wire
 * contract's enum constants into codes of its CodeSystems.
 *
 * <p>Every URL here names a resource shipped in this module under {@code fhir/package/}; a test proves that each
 * one resolves, so a mapper that uses these constants cannot drift from the profiles.
 */
public final class MaillageFhir {

    /** The FHIR NPM package this module ships. */
    public static final String PACKAGE_NAME = "fr.maillage.fhir";

    public static final String PACKAGE_VERSION = "0.1.0";

    /** Root of every canonical URL of the package. */
    public static final String CANONICAL_BASE = "https://maillage.fr/fhir";

    private static final String SD = CANONICAL_BASE + "/StructureDefinition/";
    private static final String CS = CANONICAL_BASE + "/CodeSystem/";
    private static final String VS = CANONICAL_BASE + "/ValueSet/";
    private static final String NS = CANONICAL_BASE + "/NamingSystem/";

    // Profiles
    public static final String ENCOUNTER_PROFILE = SD + "assisted-teleconsultation-encounter";
    public static final String SITE_PROFILE = SD + "teleconsultation-site";
    public static final String PERIPHERAL_PROFILE = SD + "teleconsultation-peripheral";
    public static final String SITE_OPERATOR_PROFILE = SD + "site-operator";
    /** QuestionnaireResponse to {@link #PATIENT_SURVEY}, linked to the session's Encounter. */
    public static final String PATIENT_SURVEY_RESPONSE_PROFILE = SD + "patient-survey-response";
    /** QuestionnaireResponse to {@link #ASSISTING_PROFESSIONAL_SURVEY}, linked to the session's Encounter. */
    public static final String ASSISTING_PROFESSIONAL_SURVEY_RESPONSE_PROFILE =
            SD + "assisting-professional-survey-response";

    // Questionnaires of the e-Meuse evaluation, with the linkIds of their items
    /** Asked of the patient: why teleconsultation, satisfaction 0 to 10. */
    public static final String PATIENT_SURVEY = CANONICAL_BASE + "/Questionnaire/patient-survey";
    /** Asked of the assisting professional: does the practice strengthen their role. */
    public static final String ASSISTING_PROFESSIONAL_SURVEY =
            CANONICAL_BASE + "/Questionnaire/assisting-professional-survey";
    /** Item of {@link #PATIENT_SURVEY}: a code of {@link #CS_RECOURSE_REASON}. */
    public static final String ITEM_RECOURSE_REASON = "recourse-reason";
    /** Item of {@link #PATIENT_SURVEY}: an integer from 0 to 10. */
    public static final String ITEM_SATISFACTION = "satisfaction";
    /** Item of {@link #ASSISTING_PROFESSIONAL_SURVEY}: a code of {@link #CS_AGREEMENT}. */
    public static final String ITEM_ROLE_STRENGTHENED = "role-strengthened";

    // Extensions on Encounter
    public static final String EXT_RECOURSE_REASON = SD + "recourse-reason";
    public static final String EXT_PATIENT_RESIDENCE_COMMUNE = SD + "patient-residence-commune";
    public static final String EXT_PATIENT_AGE_BAND = SD + "patient-age-band";
    public static final String EXT_PATIENT_SEX = SD + "patient-sex";
    public static final String EXT_HAS_REGULAR_DOCTOR = SD + "has-regular-doctor";
    public static final String EXT_CONSULTATION_OUTCOME = SD + "consultation-outcome";
    public static final String EXT_PATIENT_SATISFACTION = SD + "patient-satisfaction";
    public static final String EXT_DEVICE_USED = SD + "device-used";

    /** Extension on Address (the site's address): the INSEE code of the commune. */
    public static final String EXT_COMMUNE_INSEE_CODE = SD + "commune-insee-code";

    // CodeSystems; each has a ValueSet of all its codes at the same path under /ValueSet/.
    public static final String CS_RECOURSE_REASON = CS + "recourse-reason";
    public static final String CS_CONSULTATION_OUTCOME = CS + "consultation-outcome";
    public static final String CS_AGE_BAND = CS + "age-band";
    public static final String CS_ASSISTING_ROLE = CS + "assisting-role";
    public static final String CS_PHYSICIAN_SPECIALTY = CS + "physician-specialty";
    public static final String CS_DEVICE_KIND = CS + "device-kind";
    public static final String CS_SITE_KIND = CS + "site-kind";
    public static final String CS_SERVICE_TYPE = CS + "service-type";
    /** Five-point Likert scale of agreement (the contract's {@code SessionDetails.Agreement}). */
    public static final String CS_AGREEMENT = CS + "agreement";

    /** The Encounter statuses a session may have: in-progress, finished, cancelled. */
    public static final String VS_SESSION_STATUS = VS + "session-status";

    /** The ConceptMap from device-kind codes to SNOMED CT device types. */
    public static final String CM_DEVICE_KIND_TO_SNOMED = CANONICAL_BASE + "/ConceptMap/device-kind-to-snomed";

    // Identifier systems
    /** Encounter.identifier.system; the value is the session UUID. */
    public static final String SESSION_ID_SYSTEM = NS + "session-id";
    /** Location.identifier.system; the value is the wire contract's siteId. */
    public static final String SITE_ID_SYSTEM = NS + "site-id";
    /** Organization.identifier.system for a SIREN, as FR Core writes it. */
    public static final String SIREN_SYSTEM = "https://sirene.fr";

    /**
     * INSEE COG commune codes: the ANS nomenclature TRE_R13-CommuneOM, the system FR Core's value set
     * {@code fr-core-vs-insee-code} draws on.
     */
    public static final String INSEE_COMMUNE_SYSTEM =
            "https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM";

    // Codes from HL7 terminology that the profiles fix
    public static final String V3_ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    /** Encounter.class of every session: virtual. */
    public static final String ENCOUNTER_CLASS_VIRTUAL = "VR";

    public static final String V3_PARTICIPATION_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    /** Participant type of the professional beside the patient: secondary performer. */
    public static final String PARTICIPATION_ASSISTING = "SPRF";
    /** Participant type of the remote doctor: primary performer. */
    public static final String PARTICIPATION_REMOTE_PHYSICIAN = "PPRF";

    /** The only code of {@link #CS_SERVICE_TYPE}; Encounter.serviceType of every session. */
    public static final String SERVICE_TYPE_ASSISTED_TELECONSULTATION = "assisted-teleconsultation";

    public static final String SNOMED_CT_SYSTEM = "http://snomed.info/sct";

    private MaillageFhir() {}

    /**
     * The code of an enum constant in its CodeSystem: the constant's name in lower case, underscores replaced by
     * hyphens ({@code NO_REGULAR_DOCTOR} → {@code no-regular-doctor}, {@code AGE_60_74} → {@code age-60-74}).
     * {@code Sex} constants give the codes of FHIR's AdministrativeGender the same way.
     */
    public static String code(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
