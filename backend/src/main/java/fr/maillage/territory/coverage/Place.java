package fr.maillage.territory.coverage;

import fr.maillage.territory.Thresholds;
import io.micronaut.core.annotation.Nullable;

/**
 * A commune as coverage sees it.
 *
 * @param code INSEE code
 * @param name name
 * @param epciSiren its EPCI
 * @param population population municipale
 * @param apl APL of the latest millésime, null when DREES publishes none (uninhabited communes)
 * @param standardisedPopulation DREES's standardised population of that millésime, the weight of APL
 * @param lat centroid latitude
 * @param lon centroid longitude
 * @param share65Plus share of inhabitants aged 65 and over in INSEE's latest age structure of the commune, null
 *     when none was imported
 */
public record Place(String code, String name, @Nullable String epciSiren, long population, @Nullable Double apl,
        @Nullable Double standardisedPopulation, double lat, double lon, @Nullable Double share65Plus) {

    /** A commune without age structure. */
    public Place(String code, String name, @Nullable String epciSiren, long population, @Nullable Double apl,
            @Nullable Double standardisedPopulation, double lat, double lon) {
        this(code, name, epciSiren, population, apl, standardisedPopulation, lat, lon, null);
    }

    boolean isFragile() {
        return apl != null && apl < Thresholds.APL_FRAGILE_THRESHOLD;
    }

    /**
     * Inhabitants aged 65 and over: the population municipale times INSEE's share, so that the figure agrees with
     * the population used everywhere else (INSEE's age counts are of an older census year); null without it.
     */
    @Nullable
    Double aged65Plus() {
        return share65Plus == null ? null : population * share65Plus;
    }

    /**
     * Need-weighted population: the population, where an inhabitant aged 65 and over counts {@code elderlyWeight}
     * times, times the share of the fragile threshold the APL lacks — so a commune at APL 0 weighs its whole
     * (weighted) population, one at 2.5 or above nothing. Without age structure the population counts as it is,
     * which is the formula with weight 1.
     */
    double need(double elderlyWeight) {
        if (!isFragile()) {
            return 0;
        }
        double weighted = share65Plus == null ? population : population * (1 + (elderlyWeight - 1) * share65Plus);
        return weighted * (Thresholds.APL_FRAGILE_THRESHOLD - apl) / Thresholds.APL_FRAGILE_THRESHOLD;
    }

    double km(double otherLat, double otherLon) {
        return GreatCircle.km(lat, lon, otherLat, otherLon);
    }
}
