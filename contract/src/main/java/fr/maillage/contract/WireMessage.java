package fr.maillage.contract;

import java.time.Instant;
import java.util.UUID;

/** What every message of the contract carries, whatever its channel. */
public sealed interface WireMessage permits SiteMessage, Command {

    /** The only payload version this build reads and writes. */
    int SCHEMA_VERSION = 1;

    int schemaVersion();

    /** Unique per event; the backend stores it so a redelivered message changes nothing. */
    UUID eventId();

    /** When the agent produced the event, by the agent's clock (which may be wrong). */
    Instant occurredAt();

    /** The channel this message travels on. */
    Channel channel();
}
