package fr.maillage.agent.probe;

import fr.maillage.agent.outbox.Outbox;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.StatusMessage;
import fr.maillage.contract.WireMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every probe and turns their readings into status snapshots: one whenever a device's health changes,
 * and one per heartbeat otherwise, so the backend can tell a silent site from a healthy one.
 */
public final class StatusReporter {

    private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);

    private final String siteId;
    private final List<Probe> probes;
    private final Duration heartbeat;
    private final Outbox outbox;
    private final LongSupplier connSeq;
    private final Clock clock;
    private final Runnable appended;

    private Map<String, Health> lastHealth = Map.of();
    private long lastPublishedNanos;
    private boolean published;

    public StatusReporter(
            String siteId,
            List<Probe> probes,
            Duration heartbeat,
            Outbox outbox,
            LongSupplier connSeq,
            Clock clock,
            Runnable appended) {
        this.siteId = siteId;
        this.probes = List.copyOf(probes);
        this.heartbeat = heartbeat;
        this.outbox = outbox;
        this.connSeq = connSeq;
        this.clock = clock;
        this.appended = appended;
    }

    /** Probes; publishes if any health changed or the heartbeat is due. */
    public synchronized void tick() {
        List<ProbeReading> readings = readAll();
        boolean due = !published || System.nanoTime() - lastPublishedNanos >= heartbeat.toNanos();
        if (due || !healthOf(readings).equals(lastHealth)) {
            publish(readings);
        }
    }

    /** Probes and publishes a snapshot whatever changed. */
    public synchronized StatusMessage publishNow() {
        return publish(readAll());
    }

    private StatusMessage publish(List<ProbeReading> readings) {
        Instant now = clock.instant();
        StatusMessage status = outbox.append(seq -> new StatusMessage(
                WireMessage.SCHEMA_VERSION,
                UUID.randomUUID(),
                siteId,
                now,
                connSeq.getAsLong(),
                seq,
                (int) heartbeat.toSeconds(),
                readings));
        Map<String, Health> health = healthOf(readings);
        if (!health.equals(lastHealth)) {
            log.info("status changed [site: {}, overall: {}, probes: {}]", siteId, status.overall(), health);
        }
        lastHealth = health;
        lastPublishedNanos = System.nanoTime();
        published = true;
        appended.run();
        return status;
    }

    private List<ProbeReading> readAll() {
        List<ProbeReading> readings = new ArrayList<>(probes.size());
        for (Probe probe : probes) {
            try {
                readings.add(probe.read());
            } catch (RuntimeException e) {
                log.warn("probe failed and is left out of the snapshot [site: {}, probe: {}]", siteId, probe, e);
            }
        }
        return readings;
    }

    private static Map<String, Health> healthOf(List<ProbeReading> readings) {
        Map<String, Health> health = new LinkedHashMap<>();
        readings.forEach(r -> health.put(r.deviceId(), r.health()));
        return health;
    }
}
