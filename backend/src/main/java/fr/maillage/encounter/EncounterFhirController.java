package fr.maillage.encounter;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * FHIR R4 REST read and search of Encounters: row-level health data, so only for admins, and for coordinators
 * and site operators within their scope. Evaluators see aggregates only.
 */
@Controller("/fhir")
@Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.SITE_OPERATOR})
class EncounterFhirController {

    /** What FHIR allows as a logical id. */
    static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final EncounterRepository encounters;
    private final EncounterFinder finder;
    private final SearchBundles bundles;
    private final OperationOutcomes outcomes;
    private final FhirContext fhir;
    private final StoredResourceReads reads;

    EncounterFhirController(
            EncounterRepository encounters,
            EncounterFinder finder,
            SearchBundles bundles,
            OperationOutcomes outcomes,
            FhirContext fhir,
            StoredResourceReads reads) {
        this.reads = reads;
        this.encounters = encounters;
        this.finder = finder;
        this.bundles = bundles;
        this.outcomes = outcomes;
        this.fhir = fhir;
    }

    @Get(uri = "/Encounter/{id}", produces = OperationOutcomes.FHIR_JSON)
    HttpResponse<String> read(@PathVariable String id, Authentication user) {
        return reads.read("Encounter", id, user, encounters::findById, "belongs to a site outside your scope");
    }

    @Get(uri = "/Encounter", produces = OperationOutcomes.FHIR_JSON)
    HttpResponse<String> search(HttpRequest<?> request, Authentication user) {
        Map<String, List<String>> parameters = request.getParameters().asMap();
        EncounterSearch search;
        try {
            search = FhirSearchParser.encounterSearch(parameters, PreferHandling.strict(request), Scope.of(user));
        } catch (FhirSearchParser.InvalidSearchException e) {
            return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.INVALID, e.getMessage());
        }
        List<EncounterFinder.Row> rows = finder.find(search);
        boolean more = rows.size() > search.count();
        List<EncounterFinder.Row> page = more ? rows.subList(0, search.count()) : rows;
        List<Encounter> resources = page.stream()
                .map(row -> fhir.newJsonParser().parseResource(Encounter.class, row.resource()))
                .toList();
        String next = more
                ? FhirSearchParser.encodeCursor(new EncounterSearch.Cursor(
                        page.getLast().periodStart(), page.getLast().id()))
                : null;
        Map<String, List<String>> used = parameters.entrySet().stream()
                .filter(e -> FhirSearchParser.ENCOUNTER_PARAMETERS.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return HttpResponse.ok(bundles.searchset(request, "Encounter", resources, used, next))
                .contentType(OperationOutcomes.FHIR_JSON);
    }
}
