package fr.maillage.agent.outbox;

/**
 * How much the outbox keeps while the broker is out of reach, whichever limit comes first. Beyond either,
 * the oldest status snapshots are compacted away; session events are kept anyway (and the agent says so).
 *
 * @param messages messages waiting
 * @param bytes encoded payload bytes waiting (the database file is somewhat larger: row headers, index, WAL)
 */
public record OutboxLimits(long messages, long bytes) {

    /** Two weeks offline at one snapshot a minute is about 20 000 snapshots of ~1 KB: both limits leave room. */
    public static final OutboxLimits DEFAULT = new OutboxLimits(100_000, 128L * 1024 * 1024);

    /** Below this a single session event (a few hundred bytes, at most a few KB) might not fit. */
    private static final long MIN_BYTES = 64 * 1024;

    public OutboxLimits {
        if (messages < 2) {
            throw new IllegalArgumentException("outbox capacity must be at least 2 messages, was " + messages);
        }
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("outbox maxBytes must be at least " + MIN_BYTES + " bytes, was " + bytes);
        }
    }

    /** At most {@code messages} messages, and the default byte limit. */
    public static OutboxLimits messages(long messages) {
        return new OutboxLimits(messages, DEFAULT.bytes);
    }
}
