package fr.maillage.encounter;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The one FHIR context of the application: building it scans the whole R4 model, so it is made once. */
@Factory
class FhirContextFactory {

    @Singleton
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }
}
