package fr.maillage.ogc.export;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Refreshes the open-data directory on the configured schedule ({@code maillage.opendata.cron}). */
@Singleton
@Requires(property = "maillage.opendata.scheduled", notEquals = "false")
class OpenDataJob {

    private final OpenDataExporter exporter;

    OpenDataJob(OpenDataExporter exporter) {
        this.exporter = exporter;
    }

    @Scheduled(cron = "${maillage.opendata.cron:0 30 3 * * *}")
    void run() {
        try {
            exporter.export();
        } catch (IOException e) {
            // the scheduler logs what a scheduled method throws; the next run tries again
            throw new UncheckedIOException("open-data export failed", e);
        }
    }
}
