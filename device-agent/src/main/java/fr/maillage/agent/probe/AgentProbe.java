package fr.maillage.agent.probe;

import fr.maillage.agent.outbox.Outbox;
import fr.maillage.agent.outbox.OutboxLimits;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import java.util.Map;

/** The agent's own health: how much waits in the outbox, against its limits (messages and bytes). */
public final class AgentProbe implements Probe {

    /** Above this share of the capacity the backlog is reported before it becomes a problem. */
    private static final double WARN_RATIO = 0.8;

    private final Outbox outbox;

    public AgentProbe(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public ProbeReading read() {
        long backlog = outbox.size();
        long bytes = outbox.bytes();
        OutboxLimits limits = outbox.limits();
        Map<String, Double> measurements = Map.of(
                "backlog", (double) backlog,
                "capacity", (double) limits.messages(),
                "bytes", (double) bytes,
                "maxBytes", (double) limits.bytes());
        String usage = backlog + "/" + limits.messages() + " messages, " + bytes + "/" + limits.bytes() + " bytes";
        if (outbox.overCapacity()) {
            return new ProbeReading("agent", DeviceKind.AGENT, Health.DEGRADED,
                    "outbox over capacity (" + usage + "): session events kept, status dropped", measurements);
        }
        if (backlog >= limits.messages() * WARN_RATIO || bytes >= limits.bytes() * WARN_RATIO) {
            return new ProbeReading("agent", DeviceKind.AGENT, Health.DEGRADED,
                    "outbox nearly full (" + usage + ")", measurements);
        }
        return new ProbeReading("agent", DeviceKind.AGENT, Health.OK, backlog + " message(s) waiting", measurements);
    }
}
