package fr.maillage.study;

import io.micronaut.core.annotation.Nullable;

/**
 * One session of the study dataset before generalisation: the quasi-identifiers (age band, sex, commune of
 * residence with its EPCI and département) and what the study analyses. No identifier of the session, the site
 * or the patient.
 *
 * @param month the month the session started (YYYY-MM, French time)
 * @param siteKind the kind of site
 * @param commune the patient's commune (former codes resolved), null when unknown
 * @param distanceKm great-circle distance from the commune's centroid to the site, null when either is unknown
 * @param roleStrengthened the assisting professional's answer (agreement scale), null when they did not answer
 */
record DatasetRow(String month, String siteKind, String ageBand, String sex, @Nullable String commune,
        @Nullable String epci, @Nullable String departement, @Nullable Boolean hasRegularDoctor,
        @Nullable String recourseReason, boolean hardToAccess, @Nullable String outcome,
        @Nullable Integer satisfaction, @Nullable String assistingRole, @Nullable String physicianSpecialty,
        @Nullable Double distanceKm, @Nullable String roleStrengthened) {}
