package fr.maillage.encounter;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.maillage.fhir.MaillageValidationSupport;
import io.micronaut.context.annotation.Context;
import java.util.List;
import org.hl7.fhir.r4.model.Encounter;

/**
 * Checks Encounters against the Maillage profile with HAPI's instance validator, loaded with the
 * {@code fhir-profiles} package. Built at start-up, because building the validation chain (snapshots included)
 * takes seconds that the first message should not wait.
 *
 * <p>Validating takes milliseconds, while the Encounters of a stream share few {@link EncounterShape shapes}: a
 * shape found conforming is remembered and not validated again. Non-conforming ones are always validated, so
 * their messages are the validator's own.
 */
@Context
public class EncounterConformance {

    /** Distinct coded contents seen; beyond this the least recently used are validated again. */
    private static final long MAX_SHAPES = 20_000;

    private final FhirContext fhir;
    private final FhirValidator validator;
    private final Cache<String, Boolean> conforming = Caffeine.newBuilder().maximumSize(MAX_SHAPES).build();

    public EncounterConformance(FhirContext fhir) {
        this.fhir = fhir;
        this.validator = MaillageValidationSupport.newValidator(fhir);
    }

    /** The validator's error messages with their location; empty when the Encounter conforms. */
    public List<String> errors(Encounter encounter) {
        // A parser per call: HAPI's parsers are cheap and not thread-safe.
        String shape = EncounterShape.of(encounter, fhir.newJsonParser());
        if (conforming.getIfPresent(shape) != null) {
            return List.of();
        }
        List<String> errors = validate(encounter);
        if (errors.isEmpty()) {
            conforming.put(shape, Boolean.TRUE);
        }
        return errors;
    }

    private List<String> validate(Encounter encounter) {
        return validator.validateWithResult(encounter).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }
}
