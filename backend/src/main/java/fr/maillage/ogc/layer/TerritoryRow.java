package fr.maillage.ogc.layer;

import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;

/**
 * The published figures of a commune or an EPCI over a period, the secret statistique applied: a suppressed
 * figure is null and named in {@code suppressed}.
 *
 * @param code INSEE code or SIREN
 * @param name its name
 * @param departements the département(s) it lies in, comma-separated
 * @param epciSiren the EPCI of a commune; null for an EPCI
 * @param communes communes counted (1 for a commune)
 * @param population population municipale
 * @param from first day of the period
 * @param to last day of the period
 * @param teleconsultations finished sessions of residents
 * @param per1000Inhabitants the same per 1,000 inhabitants
 * @param withoutRegularDoctorShare share of those who answered with no médecin traitant
 * @param hardToAccessShare share of sessions whose reason says a usual consultation was hard to get
 * @param meanSatisfaction mean 0–10 satisfaction of those who answered
 * @param sessionsAtSites finished sessions held at sites located there
 * @param sites sites located there
 * @param aplYear the APL millésime
 * @param apl APL to GPs (weighted by standardised population for an EPCI)
 * @param populationInFragileCommunes population of its communes whose APL is under 2.5
 * @param liberalGps libéral general practitioners (RPPS); null without an RPPS import
 * @param gpsPer10000 the same per 10,000 inhabitants
 * @param suppressed the figures hidden by the secret statistique, comma-separated
 */
public record TerritoryRow(
        String code,
        String name,
        String departements,
        @Nullable String epciSiren,
        int communes,
        long population,
        LocalDate from,
        LocalDate to,
        @Nullable Long teleconsultations,
        @Nullable Double per1000Inhabitants,
        @Nullable Double withoutRegularDoctorShare,
        @Nullable Double hardToAccessShare,
        @Nullable Double meanSatisfaction,
        @Nullable Long sessionsAtSites,
        long sites,
        @Nullable Integer aplYear,
        @Nullable Double apl,
        long populationInFragileCommunes,
        @Nullable Long liberalGps,
        @Nullable Double gpsPer10000,
        String suppressed) {}
