package fr.maillage.ogc.export;

import fr.maillage.ogc.OgcException;
import fr.maillage.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The open-data directory over HTTP: its listing with sizes and checksums, each file, and the admin's trigger of
 * an export. Only the files an export writes are served: a name is checked against them, never resolved as a path.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class OpenDataController {

    /** A file name an export writes: no separator, no leading dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)*");
    private static final Map<String, String> TYPES = Map.of(
            "csv", "text/csv; charset=utf-8",
            "geojson", "application/geo+json",
            "md", "text/markdown; charset=utf-8");

    private final OpenDataExporter exporter;
    private final OpenDataConfiguration config;

    OpenDataController(OpenDataExporter exporter, OpenDataConfiguration config) {
        this.exporter = exporter;
        this.config = config;
    }

    @Post("/api/admin/opendata/exports")
    @Secured(Roles.ADMIN)
    OpenDataExport export() throws IOException {
        return exporter.export();
    }

    /** The files of the last export, as its {@code SHA256SUMS} lists them, and that file itself. */
    @Get("/api/opendata")
    @Secured({Roles.EVALUATOR, Roles.COORDINATOR, Roles.ADMIN})
    List<OpenDataFile> list() throws IOException {
        Path sums = config.directory().resolve(OpenDataExporter.CHECKSUMS);
        if (!Files.isRegularFile(sums)) {
            return List.of();
        }
        List<OpenDataFile> files = new ArrayList<>();
        byte[] sumBytes = Files.readAllBytes(sums);
        for (String line : new String(sumBytes, StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.split(" {2}", 2);
            if (parts.length == 2 && NAME.matcher(parts[1]).matches() && Files.isRegularFile(config.directory().resolve(parts[1]))) {
                files.add(new OpenDataFile(parts[1], Files.size(config.directory().resolve(parts[1])), parts[0]));
            }
        }
        files.add(new OpenDataFile(OpenDataExporter.CHECKSUMS, sumBytes.length, OpenDataExporter.sha256(sumBytes)));
        return files;
    }

    @Get("/api/opendata/files/{name}")
    @Secured({Roles.EVALUATOR, Roles.COORDINATOR, Roles.ADMIN})
    HttpResponse<byte[]> file(@PathVariable String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw OgcException.badParameter("'" + name + "' is not a file name of the open-data directory");
        }
        boolean listed = list().stream().anyMatch(file -> file.name().equals(name));
        if (!listed) {
            throw OgcException.notFound("no file '" + name + "' in the open-data directory: GET /api/opendata lists them");
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return HttpResponse.ok(Files.readAllBytes(config.directory().resolve(name)))
                .contentType(TYPES.getOrDefault(extension, MediaType.TEXT_PLAIN));
    }
}
