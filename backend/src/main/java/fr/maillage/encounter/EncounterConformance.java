package fr.maillage.encounter;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import fr.maillage.fhir.MaillageValidationSupport;
import io.micronaut.context.annotation.Context;
import java.util.List;
import org.hl7.fhir.r4.model.Encounter;

/**
 * Checks Encounters against the Maillage profile with HAPI's instance validator, loaded with the
 * {@code fhir-profiles} package. Built at start-up, because building the validation chain (snapshots included)
 * takes seconds that the first message should not wait.
 */
@Context
public class EncounterConformance {

    private final FhirValidator validator;

    EncounterConformance(FhirContext fhir) {
        this.validator = MaillageValidationSupport.newValidator(fhir);
    }

    /** The validator's error messages with their location; empty when the Encounter conforms. */
    public List<String> errors(Encounter encounter) {
        return validator.validateWithResult(encounter).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }
}
