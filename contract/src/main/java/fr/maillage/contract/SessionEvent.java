package fr.maillage.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * A step in the life of one assisted teleconsultation at a site.
 *
 * <p>The events of a session share its {@code sessionId}; the backend keeps one Encounter per session and
 * never moves it back from a final state, so events may arrive in any order.
 *
 * @param sessionId the session (Encounter) this event is about
 * @param type which step
 * @param details what is known of the session; required for {@code COMPLETED}
 */
public record SessionEvent(
        int schemaVersion,
        UUID eventId,
        String siteId,
        Instant occurredAt,
        long connSeq,
        long seq,
        UUID sessionId,
        Type type,
        SessionDetails details)
        implements SiteMessage {

    /** The steps of a session. */
    public enum Type {
        STARTED,
        COMPLETED,
        CANCELLED
    }

    @Override
    public Channel channel() {
        return Channel.SESSION;
    }
}
