package fr.maillage.contract;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A snapshot of every probe at a site, published when any probe's health changes and as a heartbeat.
 *
 * @param heartbeatSeconds the agent's heartbeat interval, so the backend knows when a snapshot is overdue
 * @param probes one reading per probed device
 */
public record StatusMessage(
        int schemaVersion,
        UUID eventId,
        String siteId,
        Instant occurredAt,
        long connSeq,
        long seq,
        int heartbeatSeconds,
        List<ProbeReading> probes)
        implements SiteMessage {

    public StatusMessage {
        probes = List.copyOf(probes);
    }

    @Override
    public Channel channel() {
        return Channel.STATUS;
    }

    /** The worst health among the probes; OK when there are none. */
    public Health overall() {
        return probes.stream().map(ProbeReading::health).reduce(Health.OK, Health::worst);
    }
}
