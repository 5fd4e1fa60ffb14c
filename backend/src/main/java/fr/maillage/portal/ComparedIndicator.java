package fr.maillage.portal;

import fr.maillage.territory.indicator.Disclosure.Figure;
import fr.maillage.territory.indicator.TerritoryIndicators;
import java.util.function.Function;

/**
 * The lines of the territory page's comparison table, in the order shown, each read from the territory
 * feature's indicators (which have already applied the secret statistique).
 */
enum ComparedIndicator {
    POPULATION("Population municipale", "habitants", t -> known(t.territory().population())),
    RESIDENT_TELECONSULTATIONS("Téléconsultations des habitants", "séances",
            t -> t.byResidence().teleconsultations()),
    RESIDENT_RATE("Téléconsultations pour 1 000 habitants", "pour 1 000 hab.",
            t -> t.byResidence().per1000Inhabitants()),
    SITE_TELECONSULTATIONS("Téléconsultations réalisées dans les sites du territoire", "séances",
            t -> t.bySite().teleconsultations()),
    WITHOUT_REGULAR_DOCTOR("Patients sans médecin traitant", "%",
            t -> percent(t.byResidence().withoutRegularDoctorShare())),
    HARD_TO_ACCESS("Recours faute d'accès à un médecin", "%", t -> percent(t.byResidence().hardToAccessShare())),
    SATISFACTION("Satisfaction moyenne des patients", "sur 10", t -> t.byResidence().meanSatisfaction()),
    APL("APL aux médecins généralistes", "consultations/an/hab.", t -> known(t.supply().apl())),
    FRAGILE_POPULATION("Population des communes sous-dotées (APL < 2,5)", "habitants",
            t -> known(t.supply().populationInFragileCommunes())),
    GPS_PER_10000("Médecins généralistes libéraux pour 10 000 habitants", "pour 10 000 hab.",
            t -> known(t.supply().gpsPer10000())),
    SITES("Sites de téléconsultation assistée", "sites", t -> known(t.sites().total()));

    private final String label;
    private final String unit;
    private final Function<TerritoryIndicators, Figure> read;

    ComparedIndicator(String label, String unit, Function<TerritoryIndicators, Figure> read) {
        this.label = label;
        this.unit = unit;
        this.read = read;
    }

    String label() {
        return label;
    }

    String unit() {
        return unit;
    }

    Figure of(TerritoryIndicators indicators) {
        return read.apply(indicators);
    }

    private static Figure known(Number value) {
        return new Figure(value == null ? null : value.doubleValue(), false);
    }

    private static Figure percent(Figure share) {
        return new Figure(share.value() == null ? null : share.value() * 100, share.suppressed());
    }
}
