package fr.maillage.agent.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Time that starts now and runs {@code speed} times faster than the wall clock. */
final class SimulatedClock extends Clock {

    private final Instant origin;
    private final long originNanos;
    private final double speed;
    private final ZoneId zone;

    SimulatedClock(Instant origin, double speed, ZoneId zone) {
        this.origin = origin;
        this.originNanos = System.nanoTime();
        this.speed = speed;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        long elapsed = System.nanoTime() - originNanos;
        return origin.plusNanos((long) (elapsed * speed));
    }

    /** How long a simulated duration lasts in real time. */
    Duration real(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        throw new UnsupportedOperationException("the simulated clock keeps its zone");
    }
}
