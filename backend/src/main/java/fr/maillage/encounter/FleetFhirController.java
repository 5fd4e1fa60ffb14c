package fr.maillage.encounter;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * FHIR R4 read of the fleet's probed devices as Devices and of site operators as Organizations. Fleet data, not
 * health data: the same roles as the Location read.
 */
@Controller("/fhir")
@Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
class FleetFhirController {

    private static final Pattern UUID_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final FleetResourceFinder finder;
    private final FleetResourceMapper mapper;
    private final OperationOutcomes outcomes;
    private final FhirContext fhir;

    FleetFhirController(
            FleetResourceFinder finder, FleetResourceMapper mapper, OperationOutcomes outcomes, FhirContext fhir) {
        this.finder = finder;
        this.mapper = mapper;
        this.outcomes = outcomes;
        this.fhir = fhir;
    }

    @Get(uri = "/Device/{id}", produces = OperationOutcomes.FHIR_JSON)
    HttpResponse<String> readDevice(@PathVariable String id) {
        if (!EncounterFhirController.FHIR_ID.matcher(id).matches()) {
            return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.INVALID, "'" + id + "' is not a valid FHIR id");
        }
        // Every Device id this server hands out is a lower-case UUID; anything else cannot be one of ours.
        var device = UUID_ID.matcher(id).matches() ? finder.device(id) : Optional.<SiteDeviceResource>empty();
        return device.<HttpResponse<String>>map(row -> HttpResponse.ok(
                                fhir.newJsonParser().encodeResourceToString(mapper.toDevice(row)))
                        .contentType(OperationOutcomes.FHIR_JSON))
                .orElseGet(() -> outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                        "Device/" + id + " is not known"));
    }

    @Get(uri = "/Organization/{id}", produces = OperationOutcomes.FHIR_JSON)
    HttpResponse<String> readOrganization(@PathVariable String id) {
        if (!EncounterFhirController.FHIR_ID.matcher(id).matches()) {
            return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.INVALID, "'" + id + "' is not a valid FHIR id");
        }
        return finder.operator(id)
                .<HttpResponse<String>>map(row -> HttpResponse.ok(
                                fhir.newJsonParser().encodeResourceToString(mapper.toOrganization(row)))
                        .contentType(OperationOutcomes.FHIR_JSON))
                .orElseGet(() -> outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                        "Organization/" + id + " is not known"));
    }
}
