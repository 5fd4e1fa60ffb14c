package fr.maillage.encounter;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

/**
 * The encounter feature's meters. Full validations against the profile show whether the cache of conforming shapes
 * works: after a warm-up they should grow only with new coded contents, not with the stream.
 */
@Singleton
class EncounterMetrics implements MeterBinder {

    /** Encounters run through HAPI's validator (the shape was not known to conform). */
    static final String VALIDATIONS = "maillage.encounter.validations";

    private final EncounterConformance conformance;

    EncounterMetrics(EncounterConformance conformance) {
        this.conformance = conformance;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(VALIDATIONS, conformance, EncounterConformance::validations)
                .description("Encounters validated against the profile because their shape was not known to conform")
                .register(registry);
    }
}
