package fr.maillage.ingest;

import fr.maillage.contract.Decoded;
import fr.maillage.contract.Rejection;
import fr.maillage.contract.SiteMessage;
import fr.maillage.contract.WireCodec;
import fr.maillage.encounter.SessionRejectedException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one raw MQTT message to a committed outcome: applied, recognised as already applied, or kept in the dead
 * letter. It returns only once that outcome is committed, so the caller may then acknowledge the message.
 *
 * <p>A failure while the database is unreachable is retried, never dead-lettered: the message is fine, the
 * backend is not. A failure while the database answers is a problem with this message, which is kept with the
 * error so the rest of the stream goes on.
 */
@Singleton
public class MessageIngestor {

    private static final Logger log = LoggerFactory.getLogger(MessageIngestor.class);
    private static final int VALIDITY_TIMEOUT_SECONDS = 2;

    private final WireCodec codec;
    private final MessageProcessor processor;
    private final DeadLetterRepository deadLetters;
    private final IngestMetrics metrics;
    private final DataSource dataSource;
    private final Duration retryDelay;

    MessageIngestor(
            WireCodec codec,
            MessageProcessor processor,
            DeadLetterRepository deadLetters,
            IngestMetrics metrics,
            DataSource dataSource,
            IngestConfiguration configuration) {
        this.codec = codec;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.retryDelay = configuration.retryDelay();
    }

    /** Why a message goes to the dead letter. */
    private record Refusal(String reason, String detail) {}

    /**
     * Ingests a message, retrying while the database is unreachable.
     *
     * @throws InterruptedException when the thread is interrupted while waiting to retry; the message must then
     *     not be acknowledged
     */
    public void ingest(String topic, byte[] payload, Instant receivedAt) throws InterruptedException {
        Decoded decoded = codec.decode(topic, payload);
        while (true) {
            try {
                Refusal refusal = switch (decoded) {
                    case Decoded.Rejected rejected -> refusal(rejected.rejection());
                    case Decoded.Accepted accepted when accepted.message() instanceof SiteMessage message ->
                        apply(topic, message, receivedAt);
                    case Decoded.Accepted accepted -> new Refusal(Rejection.Reason.UNKNOWN_TOPIC.name(),
                            "the backend does not ingest " + accepted.topic().channel());
                };
                if (refusal != null) {
                    keep(topic, payload, receivedAt, refusal);
                }
                return;
            } catch (RuntimeException e) {
                log.warn("database unreachable, will retry [topic: {}, in: {}, cause: {}]",
                        topic, retryDelay, e.getMessage());
                metrics.retried();
                Thread.sleep(retryDelay.toMillis());
            }
        }
    }

    /** @return null when applied (or recognised as applied before), else why the message must be kept aside */
    private Refusal apply(String topic, SiteMessage message, Instant receivedAt) {
        try {
            IngestMetrics.Outcome outcome = processor.process(message, receivedAt);
            metrics.accepted(message.channel(), outcome, Duration.between(receivedAt, Instant.now()));
            log.debug("ingested [topic: {}, event: {}, outcome: {}]", topic, message.eventId(), outcome);
            return null;
        } catch (SessionRejectedException e) {
            return new Refusal(e.reason().name(), e.getMessage());
        } catch (RuntimeException e) {
            if (!databaseAnswers()) {
                throw e;
            }
            log.warn("message could not be processed, keeping it in the dead letter [topic: {}]", topic, e);
            return new Refusal(DeadLetter.UNPROCESSABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Refusal refusal(Rejection rejection) {
        return new Refusal(rejection.reason().name(), rejection.detail());
    }

    private void keep(String topic, byte[] payload, Instant receivedAt, Refusal refusal) {
        deadLetters.save(new DeadLetter(null, receivedAt, topic, payload, refusal.reason(), refusal.detail()));
        metrics.deadLettered(refusal.reason());
        log.debug("dead-lettered [topic: {}, reason: {}, detail: {}]", topic, refusal.reason(), refusal.detail());
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDITY_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
