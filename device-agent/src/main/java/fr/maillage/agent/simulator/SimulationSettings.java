package fr.maillage.agent.simulator;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What to simulate.
 *
 * @param brokerUri the broker every virtual site connects to
 * @param sites how many virtual sites
 * @param speed how much faster than real time simulated time runs (60: one simulated hour per real minute)
 * @param seed the same seed places the same sites and plans the same days
 * @param workDirectory where each site keeps its outbox ({@code workDirectory/siteId})
 * @param start the simulated instant the simulation starts at (a demo started at night may start the morning)
 * @param rate how many sessions a site has, on average over the fleet
 */
public record SimulationSettings(
        String brokerUri, int sites, double speed, long seed, Path workDirectory, Instant start, SessionRate rate) {

    /** A simulation that starts now, at the default rate. */
    public SimulationSettings(String brokerUri, int sites, double speed, long seed, Path workDirectory) {
        this(brokerUri, sites, speed, seed, workDirectory, Instant.now(), SessionRate.DEFAULT);
    }

    /** A simulation that starts at {@code start}, at the default rate. */
    public SimulationSettings(
            String brokerUri, int sites, double speed, long seed, Path workDirectory, Instant start) {
        this(brokerUri, sites, speed, seed, workDirectory, start, SessionRate.DEFAULT);
    }

    public SimulationSettings {
        if (rate == null) {
            throw new IllegalArgumentException("rate is required");
        }
        if (start == null) {
            throw new IllegalArgumentException("start is required");
        }
        if (brokerUri == null || brokerUri.isBlank()) {
            throw new IllegalArgumentException("broker URI is required");
        }
        if (sites < 1 || sites > 10_000) {
            throw new IllegalArgumentException("sites must be between 1 and 10000, was " + sites);
        }
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("speed must be above 0 and at most 100000, was " + speed);
        }
        if (workDirectory == null) {
            throw new IllegalArgumentException("work directory is required");
        }
    }
}
