package fr.maillage.ogc.export;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;

/**
 * Settings of the open-data exports ({@code maillage.opendata.*}).
 *
 * @param directory where the files are written and served from
 * @param cron when the scheduled export runs (Micronaut cron: seconds minutes hours day month weekday)
 * @param scheduled whether the scheduled export runs at all (the admin trigger always works)
 * @param periodDays the days the figures cover, up to the day of the export
 */
@ConfigurationProperties("maillage.opendata")
public record OpenDataConfiguration(
        @Bindable(defaultValue = "opendata") Path directory,
        @NotBlank @Bindable(defaultValue = "0 30 3 * * *") String cron,
        @Bindable(defaultValue = "true") boolean scheduled,
        @Min(1) @Bindable(defaultValue = "365") int periodDays) {}
