package fr.maillage.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.agent.outbox.Outbox;
import fr.maillage.agent.outbox.OutboxLimits;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.WireCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusReporterTest {

    @Test
    @DisplayName("a snapshot goes out first, then on every change of health and when the heartbeat is due")
    void changeAndHeartbeat(@TempDir Path data) throws InterruptedException {
        AtomicReference<Health> health = new AtomicReference<>(Health.OK);
        Probe camera = () -> new ProbeReading("camera", DeviceKind.CAMERA, health.get(), "", Map.of());
        AtomicInteger appended = new AtomicInteger();
        try (Outbox outbox = Outbox.open(data, OutboxLimits.messages(100), new WireCodec())) {
            StatusReporter reporter = new StatusReporter("site-1", List.of(camera), Duration.ofSeconds(1), outbox,
                    () -> 1, Clock.systemUTC(), appended::incrementAndGet);

            reporter.tick();
            reporter.tick();
            assertThat(outbox.size()).isEqualTo(1);

            health.set(Health.DOWN);
            reporter.tick();
            reporter.tick();
            assertThat(outbox.size()).isEqualTo(2);

            Thread.sleep(1_100);
            reporter.tick();
            assertThat(outbox.size()).isEqualTo(3);
            assertThat(appended).hasValue(3);
        }
    }

    @Test
    @DisplayName("a probe that throws is left out; the others still report")
    void failingProbeLeftOut(@TempDir Path data) {
        Probe broken = () -> {
            throw new IllegalStateException("bug");
        };
        Probe fine = () -> new ProbeReading("camera", DeviceKind.CAMERA, Health.OK, "", Map.of());
        try (Outbox outbox = Outbox.open(data, OutboxLimits.messages(100), new WireCodec())) {
            var status = new StatusReporter("site-1", List.of(broken, fine), Duration.ofSeconds(60), outbox, () -> 1,
                    Clock.systemUTC(), () -> {}).publishNow();
            assertThat(status.probes()).extracting(ProbeReading::deviceId).containsExactly("camera");
        }
    }
}
