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
     * @return what applying the message did: a redelivered session event is a duplicate, a birth, Will or
     *     status older than what is stored is stale
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public IngestMetrics.Outcome process(SiteMessage message, Instant receivedAt) {
        fleet.ensureSite(message.siteId(), receivedAt);
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
