package fr.maillage.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.agent.Sites;
import fr.maillage.agent.outbox.Outbox;
import fr.maillage.agent.outbox.OutboxLimits;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.WireCodec;
import fr.maillage.contract.WireMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentProbeTest {

    @Test
    @DisplayName("the agent probe turns DEGRADED when session events are kept beyond the outbox capacity")
    void degradedOverCapacity(@TempDir Path data) {
        try (Outbox outbox = Outbox.open(data, OutboxLimits.messages(10), new WireCodec())) {
            AgentProbe probe = new AgentProbe(outbox);
            assertThat(probe.read().health()).isEqualTo(Health.OK);
            for (int i = 0; i < 11; i++) {
                outbox.append(seq -> new SessionEvent(WireMessage.SCHEMA_VERSION, UUID.randomUUID(), "site-1",
                        Instant.now(), 1, seq, UUID.randomUUID(), SessionEvent.Type.COMPLETED, Sites.completed()));
            }
            ProbeReading reading = probe.read();
            assertThat(reading.health()).isEqualTo(Health.DEGRADED);
            assertThat(reading.detail()).contains("over capacity");
            assertThat(reading.measurements()).containsEntry("backlog", 11.0);
        }
    }

    @Test
    @DisplayName("the agent probe turns DEGRADED when session events pass the outbox's byte limit")
    void degradedOverMaxBytes(@TempDir Path data) {
        try (Outbox outbox = Outbox.open(data, new OutboxLimits(100_000, 64 * 1024), new WireCodec())) {
            AgentProbe probe = new AgentProbe(outbox);
            while (!outbox.overCapacity()) {
                outbox.append(seq -> new SessionEvent(WireMessage.SCHEMA_VERSION, UUID.randomUUID(), "site-1",
                        Instant.now(), 1, seq, UUID.randomUUID(), SessionEvent.Type.COMPLETED, Sites.completed()));
            }
            ProbeReading reading = probe.read();
            assertThat(reading.health()).isEqualTo(Health.DEGRADED);
            assertThat(reading.detail()).contains("over capacity").contains("bytes");
            assertThat(reading.measurements()).containsEntry("maxBytes", 65536.0);
        }
    }
}
