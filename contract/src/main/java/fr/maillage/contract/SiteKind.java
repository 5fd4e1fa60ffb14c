package fr.maillage.contract;

/** The kinds of assisted-teleconsultation site (see the glossary). */
public enum SiteKind {
    /** Cabine de téléconsultation. */
    CABIN,
    /** Maison de santé pluriprofessionnelle équipée (MSP 2.0). */
    HEALTH_CENTRE,
    /** Pharmacie. */
    PHARMACY,
    /** France services. */
    PUBLIC_SERVICE_POINT
}
