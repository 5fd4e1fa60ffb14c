package fr.maillage.ogc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Settings of the OGC API ({@code maillage.ogc.*}).
 *
 * @param defaultLimit features per page when the request gives no {@code limit}
 * @param maxLimit the largest page; a larger {@code limit} is capped to it
 * @param siteDays days the sites layer's availability and sessions cover when no {@code datetime} is given
 * @param territoryDays days the communes and EPCI layers' figures cover when no {@code datetime} is given
 */
@ConfigurationProperties("maillage.ogc")
public record OgcConfiguration(
        @Min(1) @Bindable(defaultValue = "10") int defaultLimit,
        @Min(1) @Max(100_000) @Bindable(defaultValue = "1000") int maxLimit,
        @Min(1) @Bindable(defaultValue = "30") int siteDays,
        @Min(1) @Bindable(defaultValue = "365") int territoryDays) {}
