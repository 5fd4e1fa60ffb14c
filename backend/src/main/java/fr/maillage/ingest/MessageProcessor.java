package fr.maillage.ingest;

import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteMessage;
import fr.maillage.contract.StateMessage;
import fr.maillage.contract.StatusMessage;
import fr.maillage.encounter.SessionRecorder;
import fr.maillage.fleet.FleetRecorder;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Applies one accepted site message to the fleet and the encounters, inside the ingest's transaction. */
@Singleton
public class MessageProcessor {

    private final FleetRecorder fleet;
    private final SessionRecorder sessions;

    MessageProcessor(FleetRecorder fleet, SessionRecorder sessions) {
        this.fleet = fleet;
        this.sessions = sessions;
    }

    /**
     * Applies one message.
     *
     * @return what applying the message did: a redelivered session event is a duplicate, a birth, Will or
     *     status older than what is stored is stale
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public IngestMetrics.Outcome process(SiteMessage message, Instant receivedAt) {
        fleet.ensureSite(message.siteId(), receivedAt);
        return apply(message, receivedAt);
    }

    /** Creates the rows of the sites of a batch's messages, before {@link #apply} applies each of them. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void ensureSites(Collection<String> siteIds, Instant receivedAt) {
        fleet.ensureSites(siteIds, receivedAt);
    }

    /**
     * Applies consecutive status snapshots of a batch together (one statement per round of distinct sites).
     *
     * @return the outcome of each, in order
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    List<IngestMetrics.Outcome> applyStatuses(List<StatusMessage> messages, List<Instant> receivedAt) {
        return fleet.onStatuses(messages, receivedAt).stream()
                .map(applied -> applied ? IngestMetrics.Outcome.APPLIED : IngestMetrics.Outcome.STALE)
                .toList();
    }

    /** Applies one message of a batch whose sites {@link #ensureSites} created. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    IngestMetrics.Outcome apply(SiteMessage message, Instant receivedAt) {
        return switch (message) {
            case StateMessage state ->
                fleet.onState(state, receivedAt) ? IngestMetrics.Outcome.APPLIED : IngestMetrics.Outcome.STALE;
            case StatusMessage status ->
                fleet.onStatus(status, receivedAt) ? IngestMetrics.Outcome.APPLIED : IngestMetrics.Outcome.STALE;
            case SessionEvent session ->
                sessions.onSessionEvent(session, receivedAt)
                        ? IngestMetrics.Outcome.APPLIED
                        : IngestMetrics.Outcome.DUPLICATE;
        };
    }
}
