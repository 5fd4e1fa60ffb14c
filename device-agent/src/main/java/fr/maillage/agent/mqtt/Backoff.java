package fr.maillage.agent.mqtt;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential reconnection delay with jitter: after {@code n} failed attempts the ceiling is
 * {@code initial × 2^(n-1)}, capped at {@code max}, and the delay is drawn uniformly from the upper half of
 * that ceiling. The jitter spreads the reconnections of a whole fleet after a broker restart; keeping the
 * lower half out guarantees the delay still grows.
 *
 * @param initial the ceiling after the first failure
 * @param max the largest ceiling
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the initial reconnection delay must be positive, was " + initial);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "the maximum reconnection delay (" + max + ") must not be below the initial one (" + initial + ")");
        }
    }

    /** The ceiling of the delay after {@code failures} consecutive failed attempts (at least one). */
    public Duration ceiling(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /** The delay to wait after {@code failures} consecutive failed attempts. */
    public Duration delay(int failures, RandomGenerator random) {
        long ceiling = ceiling(failures).toMillis();
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + random.nextLong(ceiling - floor + 1));
    }
}
