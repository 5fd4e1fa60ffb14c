package fr.maillage.territory.importer;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line import of reference data into the configured database, without starting the server or the MQTT
 * ingest: {@code java -cp maillage-backend.jar fr.maillage.territory.importer.ImportCommand --help}.
 */
@Command(
        name = "territory-import",
        mixinStandardHelpOptions = true,
        description = "Imports reference data (communes, EPCI, former codes, polygons, APL, RPPS care supply, INSEE"
                + " population by age) into"
                + " the Maillage database configured by application.yml and MAILLAGE_DB_* variables.")
public final class ImportCommand implements Callable<Integer> {

    @Option(names = "--dataset", description = "one of ${COMPLETION-CANDIDATES}; without --file, every shipped"
            + " dataset is imported")
    Dataset dataset;

    @Option(names = "--file", description = "the file to read (.csv, .xlsx for APL, .geojson, RPPS .txt, INSEE .CSV)")
    Path file;

    @Option(names = "--departements", split = ",", description = "départements to keep, e.g. 52,54,55;"
            + " default: the whole file (France)")
    List<String> departements = List.of();

    private final Map<String, Object> settings;

    public ImportCommand() {
        this(Map.of());
    }

    /** @param settings configuration given to the application context over the usual sources */
    ImportCommand(Map<String, Object> settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ImportCommand()).execute(args));
    }

    @Override
    public Integer call() {
        if (file != null && dataset == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--file needs --dataset");
        }
        DepartementFilter filter = DepartementFilter.of(departements);
        Map<String, Object> properties = new HashMap<>(settings);
        // a batch job: no MQTT, no start-up import, no HTTP security (nor its token secret) to configure
        properties.put("maillage.ingest.enabled", "false");
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("micronaut.security.enabled", "false");
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
            TerritoryImporter importer = context.getBean(TerritoryImporter.class);
            List<ImportReport> reports;
            if (file != null) {
                reports = List.of(importer.importDataset(dataset, ImportSource.file(file), filter));
            } else if (dataset != null) {
                ImportSource shipped = ShippedData.sources().get(dataset);
                if (shipped == null) {
                    throw new CommandLine.ParameterException(
                            new CommandLine(this), "no " + dataset + " file ships with Maillage: give --file");
                }
                reports = List.of(importer.importDataset(dataset, shipped, filter));
            } else {
                reports = importer.importAll(ShippedData.sources(), filter);
            }
            reports.forEach(report -> System.out.printf("%s %s [%s]: read %d, inserted %d, updated %d, unchanged %d,"
                            + " deleted %d, skipped %d %s in %d ms%n",
                    report.dataset(), report.source(), report.departements(), report.read(), report.inserted(),
                    report.updated(), report.unchanged(), report.deleted(), report.skipped(), report.skipReasons(),
                    report.durationMs()));
        }
        return 0;
    }
}
