package fr.maillage.fleet;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real clock plus an offset that a test moves forward, so timelines (missed heartbeats, hysteresis,
 * escalation) run without sleeping while messages still travel through the real broker in real time.
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = MutableClock.PROPERTY, value = "true")
public class MutableClock extends Clock {

    public static final String PROPERTY = "fleet-test.mutable-clock";

    public static final String OFFSET = "fleet-test.clock-offset";

    private final AtomicReference<Duration> offset;

    MutableClock(@Value("${" + OFFSET + ":0s}") Duration initialOffset) {
        this.offset = new AtomicReference<>(initialOffset);
    }

    public void advance(Duration duration) {
        offset.updateAndGet(current -> current.plus(duration));
    }

    public Duration offsetNow() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the fleet works in UTC");
    }
}
