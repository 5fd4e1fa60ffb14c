package fr.maillage.ogc.export;

import fr.maillage.ogc.Feature;
import fr.maillage.ogc.FeatureLayer;
import fr.maillage.ogc.GeoJsonText;
import fr.maillage.ogc.ItemQuery;
import fr.maillage.ogc.layer.Column;
import fr.maillage.ogc.layer.TerritoryColumns;
import fr.maillage.ogc.layer.TerritoryRow;
import fr.maillage.territory.indicator.Period;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the indicator tables per commune and per EPCI (CSV and GeoJSON, the same columns as the OGC layers), their
 * codebook and {@code SHA256SUMS} into the open-data directory. Each file is written beside its final name and
 * moved over it, and the checksums last, so a portal never reads a half-written file and the checksums it reads
 * describe complete files.
 */
@Singleton
public class OpenDataExporter {

    static final String CHECKSUMS = "SHA256SUMS";
    private static final Logger log = LoggerFactory.getLogger(OpenDataExporter.class);
    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final Map<String, FeatureLayer> layers = new LinkedHashMap<>();
    private final OpenDataConfiguration config;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    OpenDataExporter(List<FeatureLayer> layers, OpenDataConfiguration config, JsonMapper json) {
        layers.forEach(layer -> this.layers.put(layer.id(), layer));
        this.config = config;
        this.json = json;
    }

    /** One export now; two at once would write the same files, so they take turns. */
    public synchronized OpenDataExport export() throws IOException {
        Instant started = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.now(clock.withZone(FRANCE));
        Period period = new Period(today.minusDays(config.periodDays() - 1L), today);
        Path directory = config.directory();
        Files.createDirectories(directory);
        List<OpenDataFile> files = new ArrayList<>();
        for (String level : List.of("communes", "epci")) {
            List<Feature> features = layers.get(level)
                    .items(new ItemQuery(Integer.MAX_VALUE, 0, null, period.from(), period.to()), period)
                    .features();
            files.add(write(directory, level + ".csv", csv(features)));
            files.add(write(directory, level + ".geojson", geoJson(features)));
        }
        files.add(write(directory, "codebook.md", codebook(period, started)));
        StringBuilder sums = new StringBuilder();
        files.forEach(f -> sums.append(f.sha256()).append("  ").append(f.name()).append('\n'));
        files.add(write(directory, CHECKSUMS, sums.toString()));
        log.info("open data exported [directory: {}, period: {} to {}]", directory.toAbsolutePath(), period.from(),
                period.to());
        return new OpenDataExport(started, period.from(), period.to(), files);
    }

    private static String csv(List<Feature> features) throws IOException {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader(TerritoryColumns.ALL.stream().map(Column::name).toArray(String[]::new))
                .get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (Feature feature : features) {
                printer.printRecord(feature.properties().values().stream()
                        .map(value -> value == null ? "" : value)
                        .toList());
            }
        }
        return out.toString();
    }

    private String geoJson(List<Feature> features) throws IOException {
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        String separator = "";
        for (Feature feature : features) {
            out.append(separator);
            GeoJsonText.feature(out, feature, json, null);
            separator = ",";
        }
        return out.append("]}\n").toString();
    }

    private static String codebook(Period period, Instant generatedAt) {
        StringBuilder out = new StringBuilder("# Maillage open data — codebook\n\n")
                .append("Generated ").append(generatedAt).append("; figures over ").append(period.from())
                .append(" to ").append(period.to()).append(" (French days, both included).\n\n")
                .append("Files: `communes.csv`, `communes.geojson` (one commune per row / feature, polygon as"
                        + " imported), `epci.csv`, `epci.geojson` (one EPCI, polygon = union of its communes),"
                        + " WGS84 (CRS84) longitude/latitude; `SHA256SUMS` (`sha256sum -c SHA256SUMS`). In CSV an"
                        + " empty cell is unknown or suppressed; numbers use a dot.\n\n")
                .append("## Suppression rule\n\n").append(TerritoryColumns.SUPPRESSION_RULE).append("\n\n")
                .append("## Columns (also the GeoJSON properties)\n\n")
                .append("| column | meaning | unit | source |\n| --- | --- | --- | --- |\n");
        for (Column<TerritoryRow> column : TerritoryColumns.ALL) {
            out.append("| `").append(column.name()).append("` | ").append(column.meaning()).append(" | ")
                    .append(column.unit()).append(" | ").append(column.source()).append(" |\n");
        }
        return out.toString();
    }

    private static OpenDataFile write(Path directory, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Path partial = directory.resolve("." + name + ".partial");
        Files.write(partial, bytes);
        Files.move(partial, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return new OpenDataFile(name, bytes.length, sha256(bytes));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
