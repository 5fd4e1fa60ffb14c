package fr.maillage.territory.importer;

import fr.maillage.security.Roles;
import fr.maillage.territory.BadTerritoryRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Admin API: imports reference data from a file on the server or from the shipped data. Answers when the import
 * is done, with its report; imports are idempotent, so a repeated call only reports rows unchanged.
 */
@Controller("/api/admin/territory/imports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
public class TerritoryImportController {

    private final TerritoryImporter importer;

    TerritoryImportController(TerritoryImporter importer) {
        this.importer = importer;
    }

    @Post
    public List<ImportReport> create(@Body ImportRequest request) {
        DepartementFilter filter;
        try {
            filter = DepartementFilter.of(request.departements() == null ? List.of() : request.departements());
        } catch (IllegalArgumentException e) {
            throw new BadTerritoryRequest(e.getMessage());
        }
        try {
            if (request.path() == null) {
                if (request.dataset() == null) {
                    return importer.importAll(ShippedData.sources(), filter);
                }
                ImportSource shipped = ShippedData.sources().get(request.dataset());
                if (shipped == null) {
                    throw new BadTerritoryRequest("no " + request.dataset() + " file ships with Maillage: give a 'path'");
                }
                return List.of(importer.importDataset(request.dataset(), shipped, filter));
            }
            if (request.dataset() == null) {
                throw new BadTerritoryRequest("'dataset' is required with 'path' (one of EPCI, COMMUNES, FORMER_CODES,"
                        + " POLYGONS, APL, CARE_SUPPLY, AGE_STRUCTURE)");
            }
            Path path = Path.of(request.path());
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new BadTerritoryRequest("no readable file at '" + request.path() + "' on the server");
            }
            return List.of(importer.importDataset(request.dataset(), ImportSource.file(path), filter));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new BadTerritoryRequest(request.dataset() + " import failed: " + e.getMessage());
        }
    }
}
