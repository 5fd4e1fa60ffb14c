package fr.maillage.encounter;

import io.micronaut.security.annotation.Secured;
import fr.maillage.security.Roles;
import ca.uhn.fhir.context.FhirContext;
import fr.maillage.contract.SiteKind;
import fr.maillage.fhir.MaillageFhir;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** FHIR R4 REST read and search of sites as Locations. */
@Controller("/fhir")
@Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
class LocationFhirController {

    static final Set<String> PARAMETERS = Set.of("address-city", "type", "_count", "_cursor", "_format");
    private static final Pattern INSEE_CODE = Pattern.compile("[0-9]{5}|2[AB][0-9]{3}");

    private final LocationFinder finder;
    private final LocationMapper mapper;
    private final SearchBundles bundles;
    private final OperationOutcomes outcomes;
    private final FhirContext fhir;

    LocationFhirController(
            LocationFinder finder,
            LocationMapper mapper,
            SearchBundles bundles,
            OperationOutcomes outcomes,
            FhirContext fhir) {
        this.finder = finder;
        this.mapper = mapper;
        this.bundles = bundles;
        this.outcomes = outcomes;
        this.fhir = fhir;
    }

    @Get(uri = "/Location/{id}", produces = OperationOutcomes.FHIR_JSON)
    HttpResponse<String> read(@PathVariable String id) {
        if (!EncounterFhirController.FHIR_ID.matcher(id).matches()) {
            return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.INVALID, "'" + id + "' is not a valid FHIR id");
        }
        return finder.byId(id)
                .<HttpResponse<String>>map(site -> HttpResponse.ok(
                                fhir.newJsonParser().encodeResourceToString(mapper.toLocation(site)))
                        .contentType(OperationOutcomes.FHIR_JSON))
                .orElseGet(() -> outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                        "Location/" + id + " is not known (or the site has not described itself yet)"));
    }

    /**
     * {@code address-city} takes a commune name (starts-with, case-insensitive) or an INSEE commune code;
     * {@code type} a site-kind code, with or without its system.
     */
    @Get(uri = "/Location", produces = OperationOutcomes.FHIR_JSON)
    HttpResponse<String> search(HttpRequest<?> request) {
        Map<String, List<String>> parameters = request.getParameters().asMap();
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(PARAMETERS);
        if (PreferHandling.strict(request) && !unknown.isEmpty()) {
            return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.INVALID,
                    "unknown search parameter(s) for Location: " + unknown + "; supported: "
                            + new TreeSet<>(PARAMETERS));
        }
        Optional<String> city = first(parameters, "address-city");
        Optional<String> kind;
        int count;
        try {
            kind = first(parameters, "type").map(LocationFhirController::siteKind);
            count = FhirSearchParser.count(parameters.get("_count"));
        } catch (FhirSearchParser.InvalidSearchException e) {
            return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.INVALID, e.getMessage());
        }
        boolean byCode = city.map(c -> INSEE_CODE.matcher(c).matches()).orElse(false);
        List<SiteLocation> rows = finder.find(new LocationFinder.Criteria(
                byCode ? null : city.orElse(null),
                byCode ? city.get() : null,
                kind.orElse(null),
                first(parameters, "_cursor").orElse(null),
                count));
        boolean more = rows.size() > count;
        List<SiteLocation> page = more ? rows.subList(0, count) : rows;
        List<Location> resources = page.stream().map(mapper::toLocation).toList();
        Map<String, List<String>> used = parameters.entrySet().stream()
                .filter(e -> PARAMETERS.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return HttpResponse.ok(bundles.searchset(request, "Location", resources, used,
                        more ? page.getLast().id() : null))
                .contentType(OperationOutcomes.FHIR_JSON);
    }

    private static Optional<String> first(Map<String, List<String>> parameters, String name) {
        return Optional.ofNullable(parameters.get(name)).flatMap(v -> v.stream().findFirst());
    }

    private static String siteKind(String token) {
        String code = token.contains("|") ? token.substring(token.indexOf('|') + 1) : token;
        if (token.contains("|") && !token.startsWith(MaillageFhir.CS_SITE_KIND + "|")) {
            throw new FhirSearchParser.InvalidSearchException("type system must be " + MaillageFhir.CS_SITE_KIND);
        }
        return Arrays.stream(SiteKind.values())
                .filter(k -> MaillageFhir.code(k).equals(code))
                .findFirst()
                .map(Enum::name)
                .orElseThrow(() -> new FhirSearchParser.InvalidSearchException("type '" + code + "' is not a site kind; one of "
                        + Arrays.stream(SiteKind.values()).map(MaillageFhir::code).toList()));
    }
}
