package fr.maillage.fleet.state;

import fr.maillage.contract.Health;
import fr.maillage.fleet.SiteConnection;
import fr.maillage.fleet.SiteState;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;

/**
 * What the stored facts of a site say its state is at one instant, before hysteresis.
 *
 * @param state the raw state
 * @param reason why
 */
public record Observation(SiteState state, Reason reason) {

    /** Why a site is in its raw state. */
    public enum Reason {
        /** Nothing heard from the site yet. */
        NEVER_HEARD,
        /** Connected (birth, or a recent status when no birth was seen) and every probe OK. */
        CONNECTED,
        /** Connected but a probe reports DEGRADED or DOWN. */
        PROBES,
        /** The broker published the Will, or the agent announced its own shutdown. */
        WILL,
        /** No message for too many heartbeat intervals although no Will came: a half-open connection. */
        NO_HEARTBEAT
    }

    /**
     * @param connection what births and Wills say
     * @param health the worst probe of the last status, if any
     * @param lastHeard when the backend last heard the site itself (birth or status), by its own clock
     * @param heartbeatSeconds the agent's announced heartbeat interval, if any
     * @param watchingSince when this backend instance started watching: after a restart every site gets a full
     *     heartbeat window before it can be declared silent (the messages queued by the broker while the
     *     backend was away are still arriving)
     */
    public static Observation of(
            SiteConnection connection,
            @Nullable Health health,
            @Nullable Instant lastHeard,
            @Nullable Integer heartbeatSeconds,
            Instant watchingSince,
            Instant now,
            Liveness liveness) {
        if (connection == SiteConnection.OFFLINE) {
            return new Observation(SiteState.OFFLINE, Reason.WILL);
        }
        if (lastHeard == null) {
            return new Observation(SiteState.UNKNOWN, Reason.NEVER_HEARD);
        }
        Instant reference = lastHeard.isAfter(watchingSince) ? lastHeard : watchingSince;
        if (Duration.between(reference, now).compareTo(liveness.silenceLimit(heartbeatSeconds)) > 0) {
            return new Observation(SiteState.OFFLINE, Reason.NO_HEARTBEAT);
        }
        if (health == null || health == Health.OK) {
            return new Observation(SiteState.ONLINE, Reason.CONNECTED);
        }
        return new Observation(SiteState.DEGRADED, Reason.PROBES);
    }

    /** A device's raw state: the site's when the site is not reachable, else what its probe says. */
    public static SiteState ofDevice(SiteState site, Health health) {
        if (site == SiteState.OFFLINE || site == SiteState.UNKNOWN) {
            return site;
        }
        return switch (health) {
            case OK -> SiteState.ONLINE;
            case DEGRADED -> SiteState.DEGRADED;
            case DOWN -> SiteState.OFFLINE;
        };
    }

    /**
     * How long a site may stay silent.
     *
     * @param missedHeartbeats heartbeats that may be missed before the site is declared offline
     * @param grace added to the limit for transport and processing delays
     * @param defaultHeartbeat the interval assumed before the agent announced its own
     */
    public record Liveness(int missedHeartbeats, Duration grace, Duration defaultHeartbeat) {

        Duration silenceLimit(@Nullable Integer heartbeatSeconds) {
            Duration interval = heartbeatSeconds == null || heartbeatSeconds <= 0
                    ? defaultHeartbeat
                    : Duration.ofSeconds(heartbeatSeconds);
            return interval.multipliedBy(missedHeartbeats).plus(grace);
        }
    }
}
