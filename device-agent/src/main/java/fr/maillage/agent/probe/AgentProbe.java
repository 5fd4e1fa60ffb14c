package fr.maillage.agent.probe;

import fr.maillage.agent.outbox.Outbox;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import java.util.Map;

/** The agent's own health: how many messages wait in the outbox, against its capacity. */
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
        long capacity = outbox.capacity();
        Map<String, Double> measurements = Map.of("backlog", (double) backlog, "capacity", (double) capacity);
        if (outbox.overCapacity()) {
            return new ProbeReading("agent", DeviceKind.AGENT, Health.DEGRADED,
                    "outbox over capacity (" + backlog + "/" + capacity + "): session events kept, status dropped",
                    measurements);
        }
        if (backlog >= capacity * WARN_RATIO) {
            return new ProbeReading("agent", DeviceKind.AGENT, Health.DEGRADED,
                    "outbox nearly full (" + backlog + "/" + capacity + ")", measurements);
        }
        return new ProbeReading("agent", DeviceKind.AGENT, Health.OK, backlog + " message(s) waiting", measurements);
    }
}
