package fr.maillage.territory.importer;

import fr.maillage.territory.TerritoryConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the shipped reference data when the application starts on a database without communes, so the demo
 * and a fresh installation have territories at once. A database that already has them is left alone: newer
 * data comes through the admin API or the command line.
 */
@Singleton
@Requires(property = "maillage.territory.import-on-startup", notEquals = "false")
class StartupImport {

    private static final Logger log = LoggerFactory.getLogger(StartupImport.class);

    private final TerritoryImporter importer;
    private final TerritoryConfiguration configuration;

    StartupImport(TerritoryImporter importer, TerritoryConfiguration configuration) {
        this.importer = importer;
        this.configuration = configuration;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (importer.hasCommunes()) {
            log.debug("reference data present, start-up import skipped");
            return;
        }
        long started = System.nanoTime();
        importer.importAll(ShippedData.sources(), DepartementFilter.of(configuration.startupDepartements()));
        log.info("shipped reference data imported [départements: {}, in: {} ms]",
                configuration.startupDepartements(), (System.nanoTime() - started) / 1_000_000);
    }
}
