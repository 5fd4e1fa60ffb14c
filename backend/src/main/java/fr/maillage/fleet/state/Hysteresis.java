package fr.maillage.fleet.state;

import fr.maillage.fleet.SiteState;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns the raw state observed at each instant into the recorded state, with asymmetric hysteresis: a worse
 * state is taken at once (detection must be fast), a better one only once it has held for {@code hold}
 * (a link bouncing every few seconds stays one outage). A confirmed recovery is dated from when it began, so
 * availability counts the real outage, not the confirmation delay.
 */
public final class Hysteresis {

    private Hysteresis() {}

    /**
     * What is recorded of a site or device.
     *
     * @param state the recorded state
     * @param since when it began
     * @param reason why (for the site: birth, Will, missed heartbeats, probes)
     * @param candidate a better state seen since {@code candidateSince}, waiting to be confirmed
     */
    public record Tracked(
            SiteState state,
            @Nullable Instant since,
            @Nullable String reason,
            @Nullable SiteState candidate,
            @Nullable Instant candidateSince) {

        public static Tracked unknown() {
            return new Tracked(SiteState.UNKNOWN, null, null, null, null);
        }
    }

    /** A state that lasted from {@code from} to {@code to}. */
    public record Interval(SiteState state, Instant from, Instant to, @Nullable String reason) {}

    /** The new record, and the interval that ended if the state changed. */
    public record Step(Tracked next, Optional<Interval> ended) {

        public boolean changed(Tracked before) {
            return !next.equals(before);
        }
    }

    /**
     * @param raw what is observed now; {@link SiteState#UNKNOWN} means "nothing to say" and keeps the record
     * @param reason why the raw state is what it is
     */
    public static Step step(Tracked current, SiteState raw, @Nullable String reason, Instant now, Duration hold) {
        if (raw == SiteState.UNKNOWN) {
            return new Step(current, Optional.empty());
        }
        if (current.state() == SiteState.UNKNOWN || current.since() == null) {
            return new Step(new Tracked(raw, now, reason, null, null), Optional.empty());
        }
        if (raw == current.state()) {
            Tracked kept = new Tracked(current.state(), current.since(), current.reason(), null, null);
            return new Step(kept, Optional.empty());
        }
        if (severity(raw) > severity(current.state())) {
            return switchTo(current, raw, reason, now);
        }
        Instant candidateSince =
                raw == current.candidate() && current.candidateSince() != null ? current.candidateSince() : now;
        if (Duration.between(candidateSince, now).compareTo(hold) >= 0) {
            return switchTo(current, raw, reason, candidateSince);
        }
        return new Step(
                new Tracked(current.state(), current.since(), current.reason(), raw, candidateSince),
                Optional.empty());
    }

    private static Step switchTo(Tracked current, SiteState state, @Nullable String reason, Instant at) {
        Instant from = current.since();
        Optional<Interval> ended = at.isAfter(from)
                ? Optional.of(new Interval(current.state(), from, at, current.reason()))
                : Optional.empty();
        return new Step(new Tracked(state, at, reason, null, null), ended);
    }

    private static int severity(SiteState state) {
        return switch (state) {
            case ONLINE -> 0;
            case DEGRADED -> 1;
            case OFFLINE -> 2;
            case UNKNOWN -> -1;
        };
    }
}
