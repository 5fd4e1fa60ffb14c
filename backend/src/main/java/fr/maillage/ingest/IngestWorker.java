package fr.maillage.ingest;

import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the messages Paho hands over into batches, has each committed by the {@link MessageIngestor}, then
 * acknowledges its messages in the order they arrived. One thread, so acknowledgements keep the broker's order.
 *
 * <p>Each message is decoded (parsed, checked against the wire schema) on the thread that submits it, Paho's, as it
 * arrives: that work, a fifth of a message's CPU in the benchmark's profile, then overlaps with the worker's
 * waits for the database instead of adding to them.
 *
 * <p>The queue needs no bound of its own: the broker sends at most the receive-maximum of unacknowledged messages.
 */
@Singleton
@Requires(property = "maillage.ingest.enabled", notEquals = "false")
class IngestWorker {

    private static final Logger log = LoggerFactory.getLogger(IngestWorker.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final MessageIngestor ingestor;
    private final int batchSize;
    private final long lingerNanos;
    private final BlockingQueue<MessageIngestor.Item> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    IngestWorker(MessageIngestor ingestor, IngestConfiguration configuration) {
        this.ingestor = ingestor;
        this.batchSize = configuration.batchSize();
        this.lingerNanos = configuration.batchLinger().toNanos();
        this.thread = Thread.ofPlatform().name("ingest-worker").daemon().start(this::run);
    }

    void submit(Inbound message) {
        queue.add(ingestor.decode(message));
    }

    private void run() {
        List<MessageIngestor.Item> batch = new ArrayList<>(batchSize);
        try {
            while (true) {
                next(batch);
                try {
                    ingestor.ingestDecoded(batch);
                    batch.forEach(item -> item.inbound().acknowledgement().run());
                } catch (RuntimeException e) {
                    // A defect, not a message or database failure (those are settled by the ingestor). Left
                    // unacknowledged, the batch comes back when the broker connection is renewed.
                    log.error("batch not ingested, left unacknowledged [messages: {}]", batch.size(), e);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            // Stopping: what is not committed stays unacknowledged, and the broker delivers it again.
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a message, then gathers more for at most the linger time or until the batch is full. */
    private void next(List<MessageIngestor.Item> batch) throws InterruptedException {
        batch.add(queue.take());
        long deadline = System.nanoTime() + lingerNanos;
        queue.drainTo(batch, batchSize - batch.size());
        while (batch.size() < batchSize) {
            MessageIngestor.Item more = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (more == null) {
                return;
            }
            batch.add(more);
            queue.drainTo(batch, batchSize - batch.size());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join(STOP_TIMEOUT.toMillis());
    }
}
