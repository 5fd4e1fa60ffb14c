package fr.maillage.agent.session;

import fr.maillage.agent.outbox.Outbox;
import fr.maillage.contract.Channel;
import fr.maillage.contract.Decoded;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.WireCodec;
import fr.maillage.contract.WireMessage;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds session events and commits them to an outbox: the agent does it for its API, the CLI for a running
 * (or stopped) agent's outbox. The event is checked against the wire contract first, so nothing the backend
 * would dead-letter ever enters the outbox.
 */
public final class SessionEvents {

    private static final WireCodec CODEC = new WireCodec();

    private SessionEvents() {}

    /**
     * @throws IllegalArgumentException when the event breaks the contract; the message says what to fix
     */
    public static SessionEvent append(
            Outbox outbox,
            String siteId,
            Clock clock,
            long connSeq,
            SessionEvent.Type type,
            UUID sessionId,
            SessionDetails details) {
        return outbox.append(seq -> {
            SessionEvent event = new SessionEvent(WireMessage.SCHEMA_VERSION, UUID.randomUUID(), siteId,
                    clock.instant(), connSeq, seq, sessionId, type, details);
            contractViolation(event).ifPresent(problem -> {
                throw new IllegalArgumentException("session event refused: " + problem);
            });
            return event;
        });
    }

    /** What the contract (JSON schema and codec rules) says is wrong with this event, if anything. */
    public static Optional<String> contractViolation(SessionEvent event) {
        String topic = new SiteTopic(event.siteId(), Channel.SESSION).topic();
        if (CODEC.decode(topic, CODEC.encode(event)) instanceof Decoded.Rejected rejected) {
            return Optional.of(rejected.rejection().detail());
        }
        return Optional.empty();
    }
}
