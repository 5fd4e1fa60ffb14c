package fr.maillage.fleet.state;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.contract.Health;
import fr.maillage.fleet.SiteConnection;
import fr.maillage.fleet.SiteState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObservationTest {

    private static final Observation.Liveness LIVENESS =
            new Observation.Liveness(2, Duration.ofSeconds(10), Duration.ofSeconds(60));
    private static final Instant STARTED = Instant.parse("2026-11-23T08:00:00Z");

    private static Observation at(SiteConnection connection, Health health, long heardAt, Integer heartbeat, long now) {
        return Observation.of(connection, health, STARTED.plusSeconds(heardAt), heartbeat, STARTED,
                STARTED.plusSeconds(now), LIVENESS);
    }

    @Test
    void willMakesTheSiteOfflineWhateverItsLastStatus() {
        assertThat(at(SiteConnection.OFFLINE, Health.OK, 100, 30, 101))
                .isEqualTo(new Observation(SiteState.OFFLINE, Observation.Reason.WILL));
    }

    @Test
    void connectedSiteSilentForMoreThanTheMissedHeartbeatsIsOfflineWithoutAWill() {
        // 2 heartbeats of 30 s + 10 s grace = 70 s
        assertThat(at(SiteConnection.ONLINE, Health.OK, 100, 30, 170).state()).isEqualTo(SiteState.ONLINE);
        assertThat(at(SiteConnection.ONLINE, Health.OK, 100, 30, 171))
                .isEqualTo(new Observation(SiteState.OFFLINE, Observation.Reason.NO_HEARTBEAT));
    }

    @Test
    void heartbeatUnknownUsesTheDefaultInterval() {
        assertThat(at(SiteConnection.ONLINE, null, 100, null, 230).state()).isEqualTo(SiteState.ONLINE);
        assertThat(at(SiteConnection.ONLINE, null, 100, null, 231).state()).isEqualTo(SiteState.OFFLINE);
    }

    @Test
    void afterABackendRestartSilenceCountsFromTheRestart() {
        Instant restart = STARTED.plusSeconds(3600);
        var observation = Observation.of(SiteConnection.ONLINE, Health.OK, STARTED, 30, restart,
                restart.plusSeconds(60), LIVENESS);

        assertThat(observation.state()).isEqualTo(SiteState.ONLINE);
    }

    @Test
    void probeNotOkMakesAConnectedSiteDegraded() {
        assertThat(at(SiteConnection.ONLINE, Health.DOWN, 100, 30, 110))
                .isEqualTo(new Observation(SiteState.DEGRADED, Observation.Reason.PROBES));
    }

    @Test
    void siteNeverHeardIsUnknown() {
        assertThat(Observation.of(SiteConnection.UNKNOWN, null, null, null, STARTED, STARTED, LIVENESS).state())
                .isEqualTo(SiteState.UNKNOWN);
    }

    @Test
    void deviceFollowsItsProbeWhileTheSiteIsReachableAndTheSiteOtherwise() {
        assertThat(Observation.ofDevice(SiteState.DEGRADED, Health.DOWN)).isEqualTo(SiteState.OFFLINE);
        assertThat(Observation.ofDevice(SiteState.ONLINE, Health.DEGRADED)).isEqualTo(SiteState.DEGRADED);
        assertThat(Observation.ofDevice(SiteState.OFFLINE, Health.OK)).isEqualTo(SiteState.OFFLINE);
    }
}
