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
 */
public record Place(String code, String name, @Nullable String epciSiren, long population, @Nullable Double apl,
        @Nullable Double standardisedPopulation, double lat, double lon) {

    boolean isFragile() {
        return apl != null && apl < Thresholds.APL_FRAGILE_THRESHOLD;
    }

    /**
     * Need-weighted population: the population times the share of the fragile threshold its APL lacks, so a
     * commune at APL 0 weighs its whole population, one at 2.5 or above nothing.
     */
    double need() {
        return isFragile() ? population * (Thresholds.APL_FRAGILE_THRESHOLD - apl) / Thresholds.APL_FRAGILE_THRESHOLD : 0;
    }

    double km(double otherLat, double otherLon) {
        return GreatCircle.km(lat, lon, otherLat, otherLon);
    }
}
