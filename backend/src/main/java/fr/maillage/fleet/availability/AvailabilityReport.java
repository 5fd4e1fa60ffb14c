package fr.maillage.fleet.availability;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Availability of a site, or of one of its devices, period by period and in total.
 *
 * @param deviceId null for the site itself
 * @param openingHours the hours the figures are counted in
 * @param zone their time zone
 */
@Serdeable
public record AvailabilityReport(
        String siteId,
        @Nullable String deviceId,
        String openingHours,
        String zone,
        Granularity granularity,
        List<Availability> periods,
        Availability total) {}
