/**
 * Encounters: each consultation session becomes one FHIR R4 Encounter conforming to the Maillage profile,
 * stored whole (JSONB) with the columns that queries need, and served by the FHIR API under {@code /fhir}.
 */
package fr.maillage.encounter;
