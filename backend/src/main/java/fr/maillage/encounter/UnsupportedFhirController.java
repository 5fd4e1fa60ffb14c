package fr.maillage.encounter;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Answers requests for resource types this server does not serve with an OperationOutcome, not an HTML 404. */
@Controller("/fhir")
@Secured(SecurityRule.IS_AUTHENTICATED)
class UnsupportedFhirController {

    /** Types served by read only (FleetFhirController, QuestionnaireFhirController). */
    private static final Set<String> READ_ONLY = Set.of("Device", "Organization", "Questionnaire");

    private final OperationOutcomes outcomes;

    UnsupportedFhirController(OperationOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Get(uri = "/{type}", produces = OperationOutcomes.FHIR_JSON)
    HttpResponse<String> search(@PathVariable String type) {
        if (READ_ONLY.contains(type)) {
            return outcomes.response(HttpStatus.METHOD_NOT_ALLOWED, IssueType.NOTSUPPORTED,
                    "search is not supported for " + type + "; read one with GET /fhir/" + type
                            + "/{id} (see /fhir/metadata)");
        }
        return unsupported(type);
    }

    @Get(uri = "/{type}/{id}", produces = OperationOutcomes.FHIR_JSON)
    HttpResponse<String> read(@PathVariable String type, @PathVariable String id) {
        return unsupported(type);
    }

    private HttpResponse<String> unsupported(String type) {
        return outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTSUPPORTED,
                "resource type '" + type + "' is not served here; see /fhir/metadata");
    }
}
