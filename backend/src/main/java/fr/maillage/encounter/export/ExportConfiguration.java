package fr.maillage.encounter.export;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the Bulk Data export ({@code maillage.fhir.export.*}).
 *
 * @param directory where NDJSON files are written; shared by every instance when several run
 * @param retention how long files of a finished job are kept
 */
@ConfigurationProperties("maillage.fhir.export")
public record ExportConfiguration(
        @NotNull @Bindable(defaultValue = "var/export") Path directory,
        @Bindable(defaultValue = "24h") Duration retention) {}
