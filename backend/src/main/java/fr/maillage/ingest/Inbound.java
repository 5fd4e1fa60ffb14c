package fr.maillage.ingest;

import java.time.Instant;

/**
 * A message as it came from the broker, not yet acknowledged.
 *
 * @param acknowledgement tells the broker it may forget the message; called only after the message's outcome
 *     committed
 */
public record Inbound(String topic, byte[] payload, Instant receivedAt, Runnable acknowledgement) {}
