package fr.maillage.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Birth ({@code ONLINE}, retained, published at each connection) or Will ({@code OFFLINE}, set at connect
 * time and published by the broker when the agent vanishes, or by the agent itself on orderly shutdown).
 *
 * @param site the site's description; only in births
 * @param agentVersion the agent's version; only in births
 */
public record StateMessage(
        int schemaVersion,
        UUID eventId,
        String siteId,
        Instant occurredAt,
        long connSeq,
        long seq,
        ConnectionState state,
        SiteDescriptor site,
        String agentVersion)
        implements SiteMessage {

    @Override
    public Channel channel() {
        return Channel.STATE;
    }
}
