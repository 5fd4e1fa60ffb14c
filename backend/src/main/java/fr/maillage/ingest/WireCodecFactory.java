package fr.maillage.ingest;

import fr.maillage.contract.WireCodec;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The one codec of the application; it compiles the contract's JSON schema once. */
@Factory
class WireCodecFactory {

    @Singleton
    WireCodec wireCodec(IngestConfiguration configuration) {
        return new WireCodec(configuration.maxPayloadBytes());
    }
}
