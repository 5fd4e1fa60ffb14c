package fr.maillage.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * A command from the backend to one site's agent.
 *
 * @param type what to do
 */
public record Command(int schemaVersion, UUID eventId, Instant occurredAt, Type type) implements WireMessage {

    /** What the agent is asked to do. */
    public enum Type {
        /** Publish a new birth and a full status snapshot (used after a backend restart). */
        REBIRTH,
        /** Re-read the configuration file. */
        RELOAD_CONFIG
    }

    @Override
    public Channel channel() {
        return Channel.CMD;
    }
}
