package fr.maillage.territory.importer;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one reference dataset from a source, keeping the selected départements, and records the run. The
 * same calls serve the start-up import, the admin API and the command line.
 */
@Singleton
public class TerritoryImporter {

    private static final Logger log = LoggerFactory.getLogger(TerritoryImporter.class);
    private static final String UNKNOWN_COMMUNE = "commune not imported";

    private final TerritoryStore store;

    TerritoryImporter(TerritoryStore store) {
        this.store = store;
    }

    /**
     * @throws IllegalArgumentException when the source is not in the dataset's format (a missing column, not a
     *     workbook): nothing is stored then
     * @throws UncheckedIOException when the source cannot be read
     */
    public ImportReport importDataset(Dataset dataset, ImportSource source, DepartementFilter filter) {
        Instant started = Instant.now();
        ImportReport report;
        try (InputStream in = source.opener().open()) {
            report = switch (dataset) {
                case EPCI -> {
                    Parsed<Rows.Epci> parsed = ReferenceCsv.epci(in, filter);
                    yield report(dataset, source, filter, parsed, store.mergeEpci(parsed.rows()), Map.of(), started);
                }
                case COMMUNES -> {
                    Parsed<Rows.Commune> parsed = ReferenceCsv.communes(in, filter);
                    yield report(dataset, source, filter, parsed, store.mergeCommunes(parsed.rows(),
                            scope(filter, parsed.rows().stream().map(Rows.Commune::inseeCode))),
                            Map.of(), started);
                }
                case FORMER_CODES -> {
                    Parsed<Rows.FormerCode> parsed = ReferenceCsv.formerCodes(in, filter);
                    yield report(dataset, source, filter, parsed, store.mergeFormerCodes(parsed.rows()), Map.of(),
                            started);
                }
                case POLYGONS -> {
                    Parsed<Rows.Geometry> parsed = GeometryReader.read(in, filter);
                    Map.Entry<TerritoryStore.Counts, List<String>> merged = store.mergeGeometries(parsed.rows());
                    yield report(dataset, source, filter, parsed, merged.getKey(),
                            merged.getValue().isEmpty() ? Map.of() : Map.of(UNKNOWN_COMMUNE, merged.getValue().size()),
                            started);
                }
                case APL -> {
                    Parsed<Rows.Apl> parsed = source.isWorkbook()
                            ? AplWorkbookReader.read(in, source.name(), filter)
                            : ReferenceCsv.apl(in, filter);
                    yield report(dataset, source, filter, parsed, store.mergeApl(parsed.rows()), Map.of(), started);
                }
                case CARE_SUPPLY -> {
                    Parsed<Rows.CareSupply> parsed = RppsActivityReader.read(in, filter, store.postcodes());
                    yield report(dataset, source, filter, parsed, store.replaceCareSupply(parsed.rows(),
                            scope(filter, parsed.rows().stream().map(Rows.CareSupply::inseeCode))),
                            Map.of(), started);
                }
                case AGE_STRUCTURE -> {
                    Parsed<Rows.AgeStructure> parsed = AgeStructureReader.read(in, filter);
                    yield report(dataset, source, filter, parsed, store.mergeAgeStructure(parsed.rows()), Map.of(),
                            started);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name() + ": " + e.getMessage(), e);
        }
        store.recordRun(report, started);
        log.info("imported [dataset: {}, source: {}, départements: {}, read: {}, inserted: {}, updated: {},"
                        + " unchanged: {}, deleted: {}, skipped: {}, in: {} ms]",
                dataset, source.name(), filter, report.read(), report.inserted(), report.updated(),
                report.unchanged(), report.deleted(), report.skipped(), report.durationMs());
        return report;
    }

    /** Imports several datasets in {@link Dataset} order, so polygons find their communes. */
    public List<ImportReport> importAll(Map<Dataset, ImportSource> sources, DepartementFilter filter) {
        List<ImportReport> reports = new ArrayList<>();
        for (Dataset dataset : Dataset.values()) {
            ImportSource source = sources.get(dataset);
            if (source != null) {
                reports.add(importDataset(dataset, source, filter));
            }
        }
        return reports;
    }

    /**
     * The départements a file replaces: those selected, or with no selection those the file has rows for — a
     * file of three départements imported without selection must not empty the rest of the country.
     */
    static Set<String> scope(DepartementFilter filter, Stream<String> inseeCodes) {
        return filter.isAll()
                ? inseeCodes.map(DepartementFilter::departementOf).collect(Collectors.toUnmodifiableSet())
                : filter.codes();
    }

    /** Whether any commune is stored (the start-up import runs on an empty table only). */
    public boolean hasCommunes() {
        return store.hasCommunes();
    }

    private static ImportReport report(Dataset dataset, ImportSource source, DepartementFilter filter,
            Parsed<?> parsed, TerritoryStore.Counts counts, Map<String, Integer> storeSkips, Instant started) {
        Map<String, Integer> reasons = new LinkedHashMap<>(parsed.skipReasons());
        storeSkips.forEach((reason, count) -> reasons.merge(reason, count, Integer::sum));
        int skipped = reasons.values().stream().mapToInt(Integer::intValue).sum();
        return new ImportReport(dataset, source.name(), filter.toString(), parsed.readCount(), counts.inserted(),
                counts.updated(), counts.unchanged(), counts.deleted(), skipped, Collections.unmodifiableMap(reasons),
                Duration.between(started, Instant.now()).toMillis());
    }
}
