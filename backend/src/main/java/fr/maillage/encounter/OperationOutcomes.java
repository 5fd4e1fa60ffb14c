package fr.maillage.encounter;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Every error of the FHIR API is an OperationOutcome with a diagnostic that says what was wrong. */
@Singleton
public class OperationOutcomes {

    public static final String FHIR_JSON = "application/fhir+json;charset=utf-8";

    private final FhirContext fhir;

    OperationOutcomes(FhirContext fhir) {
        this.fhir = fhir;
    }

    public MutableHttpResponse<String> response(HttpStatus status, IssueType type, String diagnostics) {
        var outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return HttpResponse.<String>status(status)
                .contentType(FHIR_JSON)
                .body(fhir.newJsonParser().encodeResourceToString(outcome));
    }
}
