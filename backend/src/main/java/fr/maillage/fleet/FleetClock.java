package fr.maillage.fleet;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock of the fleet's timelines: a bean, so that tests can move time instead of sleeping. */
@Factory
class FleetClock {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
