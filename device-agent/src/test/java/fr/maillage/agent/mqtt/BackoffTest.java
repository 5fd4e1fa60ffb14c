package fr.maillage.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    @DisplayName("the ceiling doubles from the initial delay and stops at the maximum")
    void ceilingDoublesThenCaps() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    @DisplayName("every delay lies in the upper half of its ceiling, and the jitter actually varies")
    void jitterBounds() {
        SplittableRandom random = new SplittableRandom(3);
        for (int failures = 1; failures <= 12; failures++) {
            Duration ceiling = backoff.ceiling(failures);
            Set<Duration> seen = new HashSet<>();
            for (int i = 0; i < 500; i++) {
                Duration delay = backoff.delay(failures, random);
                assertThat(delay).isBetween(ceiling.dividedBy(2), ceiling);
                seen.add(delay);
            }
            assertThat(seen).hasSizeGreaterThan(50);
        }
    }

    @Test
    @DisplayName("a maximum below the initial delay is refused")
    void invalid() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximum");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
