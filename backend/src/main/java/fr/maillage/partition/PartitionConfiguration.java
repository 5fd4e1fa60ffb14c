package fr.maillage.partition;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * When the monthly partitions are created ({@code maillage.partitions.*}).
 *
 * @param monthsAhead months after the current one whose partitions must exist (rows for later months land in the
 *     DEFAULT partition until then, and are moved out of it when their month is created)
 * @param enabled whether the scheduled job runs
 */
@ConfigurationProperties("maillage.partitions")
public record PartitionConfiguration(
        @Bindable(defaultValue = "3") @Min(1) @Max(24) int monthsAhead,
        @Bindable(defaultValue = "true") boolean enabled) {}
