package fr.maillage.territory;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * Settings of the territory feature ({@code maillage.territory.*}).
 *
 * @param importOnStartup import the reference data shipped with the project when the commune table is empty
 * @param startupDepartements the départements taken from the shipped data at start-up (the APL workbook covers
 *     the whole of France; the other shipped files only these three)
 * @param coverageRadiusKm default great-circle distance from a commune centroid to a site under which the
 *     commune counts as covered
 * @param elderlyNeedWeight what an inhabitant aged 65 and over counts for in the unmet need of priority sectors
 *     and new-site proposals (1: as anyone; the default 2: as two), where INSEE's age structure is imported
 */
@ConfigurationProperties("maillage.territory")
public record TerritoryConfiguration(
        @Bindable(defaultValue = "true") boolean importOnStartup,
        @NotEmpty @Bindable(defaultValue = "52,54,55") List<String> startupDepartements,
        @DecimalMin("0.1") @DecimalMax("200") @Bindable(defaultValue = "10") double coverageRadiusKm,
        @DecimalMin("1") @DecimalMax("10") @Bindable(defaultValue = "2") double elderlyNeedWeight) {}
