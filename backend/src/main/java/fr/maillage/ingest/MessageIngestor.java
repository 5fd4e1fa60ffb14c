package fr.maillage.ingest;

import fr.maillage.contract.Decoded;
import fr.maillage.contract.Rejection;
import fr.maillage.contract.SiteMessage;
import fr.maillage.contract.StatusMessage;
import fr.maillage.contract.WireCodec;
import fr.maillage.encounter.SessionRejectedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a batch of raw MQTT messages to committed outcomes — applied, recognised as already applied, or kept in
 * the dead letter — in one transaction. It returns only once every outcome is committed, so the caller may then
 * acknowledge the messages.
 *
 * <p>A failure while the database is unreachable is retried, never dead-lettered: the messages are fine, the
 * backend is not. A conflict with another backend instance (deadlock, serialisation failure) is retried a few
 * times. Any other failure is the fault of the message being applied: the transaction is rolled back and the
 * batch applied again with that message in the dead letter, so one bad message never holds up the others.
 */
@Singleton
public class MessageIngestor {

    private static final Logger log = LoggerFactory.getLogger(MessageIngestor.class);
    private static final int VALIDITY_TIMEOUT_SECONDS = 2;
    /** Conflicts between instances resolve on retry; one that persists this often is treated as the message's. */
    private static final int MAX_CONFLICT_RETRIES = 5;
    /** SQLSTATEs of a transaction that lost to a concurrent one: deadlock, serialisation failure, unique key. */
    private static final Set<String> CONFLICTS = Set.of("40P01", "40001", "23505");

    private final WireCodec codec;
    private final MessageProcessor processor;
    private final DeadLetterRepository deadLetters;
    private final IngestMetrics metrics;
    private final TransactionOperations<Connection> transactions;
    private final Duration retryDelay;

    MessageIngestor(
            WireCodec codec,
            MessageProcessor processor,
            DeadLetterRepository deadLetters,
            IngestMetrics metrics,
            TransactionOperations<Connection> transactions,
            IngestConfiguration configuration) {
        this.codec = codec;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.transactions = transactions;
        this.retryDelay = configuration.retryDelay();
    }

    /** Why a message goes to the dead letter. */
    private record Refusal(String reason, String detail) {}

    /** A message of a batch: a decoded one to apply, or one to keep in the dead letter with its refusal. */
    record Item(Inbound inbound, @Nullable SiteMessage message, @Nullable Refusal refusal) {

        Item refused(Refusal why) {
            return new Item(inbound, null, why);
        }

        /** Refusals first, then messages by site: every instance takes the site rows' locks in one order. */
        String lockOrder() {
            return message == null ? "" : message.siteId();
        }
    }

    /** Which message of the batch is being applied, to blame the right one when the transaction fails. */
    private static final class Cursor {
        int index = -1;
    }

    /**
     * Ingests a batch, retrying while the database is unreachable. Messages of one site keep their order.
     *
     * @throws InterruptedException when the thread is interrupted while waiting to retry; the messages must then
     *     not be acknowledged
     */
    public void ingest(List<Inbound> batch) throws InterruptedException {
        List<Item> items = new ArrayList<>(batch.size());
        for (Inbound inbound : batch) {
            items.add(decode(inbound));
        }
        ingestDecoded(items);
    }

    /**
     * Ingests a batch of messages {@link #decode decoded} already (the worker has them decoded as they arrive, on
     * the MQTT client's thread, while it waits for the database with the previous batch).
     */
    void ingestDecoded(List<Item> batch) throws InterruptedException {
        List<Item> items = new ArrayList<>(batch);
        items.sort(Comparator.comparing(Item::lockOrder));
        settle(items);
    }

    private void settle(List<Item> batch) throws InterruptedException {
        List<Item> items = new ArrayList<>(batch);
        int conflicts = 0;
        while (!items.isEmpty()) {
            var cursor = new Cursor();
            try {
                List<Item> pending = items;
                List<IngestMetrics.Outcome> outcomes = transactions.executeWrite(status -> applyAll(pending, cursor));
                counted(items, outcomes);
                return;
            } catch (RuntimeException e) {
                if (!databaseAnswers()) {
                    log.warn("database unreachable, will retry [messages: {}, in: {}, cause: {}]",
                            items.size(), retryDelay, e.getMessage());
                    metrics.retried();
                    Thread.sleep(retryDelay.toMillis());
                } else if (isConflict(e) && conflicts < MAX_CONFLICT_RETRIES) {
                    conflicts++;
                    log.debug("lost to a concurrent transaction, retrying [messages: {}, cause: {}]",
                            items.size(), e.getMessage());
                } else if (cursor.index < 0 && items.size() > 1) {
                    // Failed outside any one message (at commit, or in a statement of several): settle each alone
                    // to find the one at fault.
                    for (Item item : items) {
                        settle(List.of(item));
                    }
                    return;
                } else {
                    conflicts = 0;
                    setAside(items, Math.max(cursor.index, 0), e);
                }
            }
        }
    }

    private List<IngestMetrics.Outcome> applyAll(List<Item> items, Cursor cursor) {
        List<IngestMetrics.Outcome> outcomes = new ArrayList<>(items.size());
        // One statement for the site rows of the whole batch, instead of one per message.
        List<String> sites = items.stream().filter(item -> item.message() != null)
                .map(item -> item.message().siteId()).toList();
        processor.ensureSites(sites, items.getFirst().inbound().receivedAt());
        int i = 0;
        while (i < items.size()) {
            Item item = items.get(i);
            int run = statusRun(items, i);
            if (run > 1) {
                // Several messages in one statement: a failure blames none of them, and the batch is then settled
                // message by message to find the one at fault.
                cursor.index = -1;
                List<Item> statuses = items.subList(i, i + run);
                outcomes.addAll(processor.applyStatuses(
                        statuses.stream().map(s -> (StatusMessage) s.message()).toList(),
                        statuses.stream().map(s -> s.inbound().receivedAt()).toList()));
                i += run;
                continue;
            }
            cursor.index = i;
            if (item.refusal() != null) {
                keep(item.inbound(), item.refusal());
                outcomes.add(null);
            } else {
                outcomes.add(processor.apply(item.message(), item.inbound().receivedAt()));
            }
            i++;
        }
        cursor.index = -1;
        return outcomes;
    }

    /** How many status snapshots follow one another from {@code from}: they are applied together. */
    private static int statusRun(List<Item> items, int from) {
        int end = from;
        while (end < items.size() && items.get(end).message() instanceof StatusMessage) {
            end++;
        }
        return end - from;
    }

    /** Replaces the message at fault by its dead letter or, if keeping it is what failed, leaves it to the log. */
    private void setAside(List<Item> items, int index, RuntimeException failure) {
        Item item = items.get(index);
        if (item.refusal() == null) {
            Refusal refusal;
            if (failure instanceof SessionRejectedException rejected) {
                refusal = new Refusal(rejected.reason().name(), rejected.getMessage());
            } else {
                log.warn("message could not be processed, keeping it in the dead letter [topic: {}]",
                        item.inbound().topic(), failure);
                refusal = new Refusal(DeadLetter.UNPROCESSABLE,
                        failure.getClass().getSimpleName() + ": " + failure.getMessage());
            }
            items.set(index, item.refused(refusal));
            return;
        }
        // The database answers yet refuses the dead letter itself: retrying would loop for ever and hold up the
        // stream. The log is then the only copy of the message, whole.
        items.remove(index);
        metrics.unstored();
        log.error("dead letter refused while the database answers; the message is acknowledged and kept only here "
                        + "[topic: {}, reason: {}, detail: {}, payload (base64): {}]",
                item.inbound().topic(), item.refusal().reason(), item.refusal().detail(),
                Base64.getEncoder().encodeToString(item.inbound().payload()), failure);
    }

    /** Counts what was committed; only now is it true. */
    private void counted(List<Item> items, List<IngestMetrics.Outcome> outcomes) {
        Instant now = Instant.now();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            IngestMetrics.Outcome outcome = outcomes.get(i);
            if (outcome == null) {
                metrics.deadLettered(item.refusal().reason());
                log.debug("dead-lettered [topic: {}, reason: {}, detail: {}]",
                        item.inbound().topic(), item.refusal().reason(), item.refusal().detail());
            } else {
                metrics.accepted(item.message().channel(), outcome,
                        Duration.between(item.inbound().receivedAt(), now),
                        Duration.between(item.message().occurredAt(), now));
                log.debug("ingested [topic: {}, event: {}, outcome: {}]",
                        item.inbound().topic(), item.message().eventId(), outcome);
            }
        }
    }

    /** Parses and checks a message against the wire contract; thread-safe. */
    Item decode(Inbound inbound) {
        return switch (codec.decode(inbound.topic(), inbound.payload())) {
            case Decoded.Rejected rejected -> new Item(inbound, null,
                    new Refusal(rejected.rejection().reason().name(), rejected.rejection().detail()));
            case Decoded.Accepted accepted when accepted.message() instanceof SiteMessage message ->
                new Item(inbound, message, null);
            case Decoded.Accepted accepted -> new Item(inbound, null, new Refusal(
                    Rejection.Reason.UNKNOWN_TOPIC.name(), "the backend does not ingest " + accepted.topic().channel()));
        };
    }

    private void keep(Inbound inbound, Refusal refusal) {
        deadLetters.save(new DeadLetter(null, inbound.receivedAt(), inbound.topic(), inbound.payload(),
                refusal.reason(), text(refusal.detail())));
    }

    /** PostgreSQL text cannot hold U+0000, which a parser's message may quote from the payload. */
    private static String text(String detail) {
        return detail.replace('\u0000', '\uFFFD');
    }

    private static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && CONFLICTS.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Asks for a fresh connection: the application's DataSource gives connections only inside a transaction. */
    private boolean databaseAnswers() {
        try {
            return transactions.executeRead(status -> status.getConnection().isValid(VALIDITY_TIMEOUT_SECONDS));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
