package fr.maillage.ogc.layer;

import java.util.List;

/** The columns of the communes and EPCI layers and exports, with their codebook entries. */
public final class TerritoryColumns {

    private static final String INSEE = "INSEE COG 2026 and populations de référence 2023, via @etalab/decoupage-administratif (Licence Ouverte)";
    private static final String DGCL = "DGCL, composition of the EPCI à fiscalité propre 2026 (Licence Ouverte)";
    private static final String SESSIONS = "Maillage: finished teleconsultation sessions recorded by the sites";
    private static final String DREES = "DREES, Accessibilité potentielle localisée (APL) aux médecins généralistes"
            + " (Licence Ouverte / Etalab 2.0)";
    private static final String RPPS = "ANS, Annuaire Santé / RPPS extraction en libre accès, when imported (Licence Ouverte)";
    private static final String FLEET = "Maillage: sites registered in the fleet";

    public static final List<Column<TerritoryRow>> ALL = List.of(
            new Column<>("code", "INSEE code of the commune, or SIREN of the EPCI", "", INSEE + "; " + DGCL,
                    TerritoryRow::code),
            new Column<>("name", "name", "", INSEE + "; " + DGCL, TerritoryRow::name),
            new Column<>("departements", "département code(s), comma-separated", "", INSEE,
                    TerritoryRow::departements),
            new Column<>("epciSiren", "SIREN of the commune's EPCI (empty for an EPCI)", "", DGCL,
                    TerritoryRow::epciSiren),
            new Column<>("communes", "communes counted", "communes", INSEE, TerritoryRow::communes),
            new Column<>("population", "population municipale", "inhabitants", INSEE, TerritoryRow::population),
            new Column<>("periodStart", "first day of the period the figures describe (Europe/Paris)", "date",
                    SESSIONS, row -> row.from().toString()),
            new Column<>("periodEnd", "last day of the period, included", "date", SESSIONS,
                    row -> row.to().toString()),
            new Column<>("teleconsultations", "finished sessions of patients living there, wherever the site",
                    "sessions", SESSIONS, TerritoryRow::teleconsultations),
            new Column<>("per1000Inhabitants", "teleconsultations × 1,000 / population", "sessions per 1,000 inhabitants",
                    SESSIONS + "; " + INSEE, TerritoryRow::per1000Inhabitants),
            new Column<>("withoutRegularDoctorShare",
                    "share of the residents' sessions whose patient has no médecin traitant, among those who answered",
                    "proportion 0–1", SESSIONS, TerritoryRow::withoutRegularDoctorShare),
            new Column<>("hardToAccessShare",
                    "share of the residents' sessions whose reason says a usual consultation was hard to get (no"
                            + " regular doctor, doctor unavailable, no appointment in time, doctor too far,"
                            + " specialist access, out of hours)",
                    "proportion 0–1", SESSIONS, TerritoryRow::hardToAccessShare),
            new Column<>("meanSatisfaction", "mean satisfaction of the residents who answered", "score 0–10",
                    SESSIONS, TerritoryRow::meanSatisfaction),
            new Column<>("sessionsAtSites", "finished sessions held at sites located there, wherever the patient lives",
                    "sessions", SESSIONS, TerritoryRow::sessionsAtSites),
            new Column<>("sites", "teleconsultation sites located there", "sites", FLEET, TerritoryRow::sites),
            new Column<>("aplYear", "APL millésime used: the latest not after the period's end", "year", DREES,
                    TerritoryRow::aplYear),
            new Column<>("apl", "APL to general practitioners; for an EPCI weighted by standardised population",
                    "consultations per standardised inhabitant per year", DREES, TerritoryRow::apl),
            new Column<>("populationInFragileCommunes", "population of its communes whose APL is under 2.5",
                    "inhabitants", DREES + "; " + INSEE, TerritoryRow::populationInFragileCommunes),
            new Column<>("liberalGps", "libéral general practitioners practising there (distinct RPPS ids)",
                    "practitioners", RPPS, TerritoryRow::liberalGps),
            new Column<>("gpsPer10000", "libéral general practitioners × 10,000 / population",
                    "practitioners per 10,000 inhabitants", RPPS + "; " + INSEE, TerritoryRow::gpsPer10000),
            new Column<>("suppressed", "figures hidden by the secret statistique (see the suppression rule)", "",
                    "Maillage", TerritoryRow::suppressed));

    /** The suppression rule, as the codebook states it. */
    public static final String SUPPRESSION_RULE = "Secret statistique: a count of patients from 1 to 10 is not"
            + " published (empty, and named in 'suppressed'), nor any figure it could be recomputed from: its rate,"
            + " a share whose part or rest is 1 to 10, a mean over 1 to 10 answers. Within each département and each"
            + " EPCI (communes) or over the whole network (EPCI), when a single territory's count is hidden the"
            + " smallest other non-zero count is hidden too, repeated until no such group is left, so that no"
            + " published total minus the visible counts gives a hidden one back. Zero is published."
            + " Populations, APL and practitioner counts are not patient counts and are never suppressed.";

    private TerritoryColumns() {}
}
