package fr.maillage.fleet.state;

import static fr.maillage.fleet.SiteState.DEGRADED;
import static fr.maillage.fleet.SiteState.OFFLINE;
import static fr.maillage.fleet.SiteState.ONLINE;
import static fr.maillage.fleet.SiteState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.fleet.SiteState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HysteresisTest {

    private static final Duration HOLD = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    /** Feeds raw states at the given second offsets and collects the intervals that ended. */
    private static final class Timeline {
        Hysteresis.Tracked tracked = Hysteresis.Tracked.unknown();
        final List<Hysteresis.Interval> ended = new ArrayList<>();

        Timeline at(long second, SiteState raw) {
            Hysteresis.Step step = Hysteresis.step(tracked, raw, raw.name(), T0.plusSeconds(second), HOLD);
            step.ended().ifPresent(ended::add);
            tracked = step.next();
            return this;
        }
    }

    private static Hysteresis.Interval interval(SiteState state, long from, long to) {
        return new Hysteresis.Interval(state, T0.plusSeconds(from), T0.plusSeconds(to), state.name());
    }

    @Test
    void firstObservationIsTakenAtOnceWithoutAnInterval() {
        var timeline = new Timeline().at(0, ONLINE);

        assertThat(timeline.tracked.state()).isEqualTo(ONLINE);
        assertThat(timeline.tracked.since()).isEqualTo(T0);
        assertThat(timeline.ended).isEmpty();
    }

    @Test
    void worseStateIsTakenAtOnce() {
        var timeline = new Timeline().at(0, ONLINE).at(100, OFFLINE);

        assertThat(timeline.tracked.state()).isEqualTo(OFFLINE);
        assertThat(timeline.ended).containsExactly(interval(ONLINE, 0, 100));
    }

    @Test
    void recoveryIsRecordedOnlyAfterTheHoldAndDatedFromWhenItBegan() {
        var timeline = new Timeline().at(0, ONLINE).at(100, OFFLINE).at(200, ONLINE).at(259, ONLINE);
        assertThat(timeline.tracked.state()).as("59 s is not yet confirmed").isEqualTo(OFFLINE);

        timeline.at(260, ONLINE);

        assertThat(timeline.tracked.state()).isEqualTo(ONLINE);
        assertThat(timeline.tracked.since()).isEqualTo(T0.plusSeconds(200));
        assertThat(timeline.ended).containsExactly(interval(ONLINE, 0, 100), interval(OFFLINE, 100, 200));
    }

    @Test
    void linkBouncingEveryFewSecondsIsOneOutage() {
        var timeline = new Timeline().at(0, ONLINE);
        for (long t = 100; t < 600; t += 10) {
            timeline.at(t, OFFLINE).at(t + 5, ONLINE);
        }
        timeline.at(700, ONLINE);

        assertThat(timeline.ended).containsExactly(interval(ONLINE, 0, 100), interval(OFFLINE, 100, 595));
        assertThat(timeline.tracked.state()).isEqualTo(ONLINE);
    }

    @Test
    void degradedWhileRecoveringRestartsTheHold() {
        var timeline = new Timeline().at(0, OFFLINE).at(10, ONLINE).at(40, DEGRADED).at(90, DEGRADED);
        assertThat(timeline.tracked.state()).isEqualTo(OFFLINE);

        timeline.at(100, DEGRADED);

        assertThat(timeline.tracked.state()).isEqualTo(DEGRADED);
        assertThat(timeline.tracked.since()).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void unknownObservationKeepsTheRecordedState() {
        var timeline = new Timeline().at(0, ONLINE).at(50, UNKNOWN);

        assertThat(timeline.tracked.state()).isEqualTo(ONLINE);
        assertThat(timeline.ended).isEmpty();
    }
}
