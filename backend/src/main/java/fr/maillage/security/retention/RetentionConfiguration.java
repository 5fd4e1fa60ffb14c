package fr.maillage.security.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import java.time.ZoneId;

/**
 * How long detailed session rows are kept ({@code maillage.retention.*}).
 *
 * @param detailMonths months a session is kept row by row, counted back from the start of today; older sessions
 *     survive only as daily counts per site and commune of residence
 * @param zone the zone whose days the daily counts are made of
 * @param enabled whether the scheduled job runs
 */
@ConfigurationProperties("maillage.retention")
public record RetentionConfiguration(
        @Bindable(defaultValue = "60") @Min(1) int detailMonths,
        @Bindable(defaultValue = "Europe/Paris") ZoneId zone,
        @Bindable(defaultValue = "true") boolean enabled) {}
