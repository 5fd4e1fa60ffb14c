package fr.maillage.agent.mqtt;

import fr.maillage.agent.outbox.Outbox;
import fr.maillage.agent.outbox.OutboxEntry;
import fr.maillage.contract.SiteTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox through the live connection, QoS 1, in outbox order, with at most
 * {@link BrokerConfig#maxInFlight()} messages unacknowledged. An entry leaves the outbox only after its
 * PUBACK. When a connection is lost, whatever was in flight is published again from the oldest entry on the
 * next one: duplicates are possible, losses and reordering within a topic are not.
 */
public final class OutboxPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    /** MQTT v5 reason codes from 0x80 up are failures. */
    private static final int REFUSED = 0x80;

    /** How often the outbox is read while nothing happens, to pick up rows written by the session CLI. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final BrokerLink link;
    private final String siteId;
    private final int window;
    private final Semaphore wake = new Semaphore(0);
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<Failure> failed = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private long connection = -1;
    private long lastSent;

    public OutboxPublisher(Outbox outbox, BrokerLink link, String siteId, int window) {
        this.outbox = outbox;
        this.link = link;
        this.siteId = siteId;
        this.window = window;
        this.thread = Thread.ofVirtual().name("outbox-" + siteId).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Something was appended or the connection changed: look at the outbox now. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void run() {
        while (running) {
            try {
                wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                forgetAcknowledged();
                publishPending();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("outbox publisher failed, retrying [site: {}]", siteId, e);
            }
        }
    }

    private void forgetAcknowledged() {
        List<Long> ids = new ArrayList<>();
        for (Long id; (id = acknowledged.poll()) != null; ) {
            ids.add(id);
        }
        outbox.remove(ids);
    }

    private void publishPending() {
        MqttAsyncClient client = link.client();
        if (client == null) {
            return;
        }
        long current = link.connections();
        if (current != connection) {
            connection = current;
            lastSent = 0;
            inFlight.clear();
            failed.clear();
            outbox.refreshSize();
        }
        for (Failure failure; (failure = failed.poll()) != null; ) {
            if (failure.connection() == connection) {
                lastSent = Math.min(lastSent, failure.id() - 1);
            }
        }
        int free = window - inFlight.size();
        if (free <= 0) {
            return;
        }
        List<OutboxEntry> entries = outbox.after(lastSent, free);
        for (OutboxEntry entry : entries) {
            String topic = new SiteTopic(siteId, entry.channel()).topic();
            try {
                inFlight.add(entry.id());
                client.publish(topic, entry.payload(), 1, false, null, new Delivery(entry.id(), connection));
                lastSent = entry.id();
            } catch (MqttException e) {
                inFlight.remove(entry.id());
                log.debug("publication deferred [site: {}, entry: {}]: {}", siteId, entry.id(), e.getMessage());
                return;
            }
        }
        if (entries.isEmpty() && inFlight.isEmpty()) {
            outbox.refreshSize();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(POLL.toMillis() * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forgetAcknowledged();
    }

    private record Failure(long id, long connection) {}

    /** Completion of one publication, on Paho's callback thread: only queues the outcome. */
    private final class Delivery implements MqttActionListener {

        private final long id;
        private final long connectionOfSend;

        Delivery(long id, long connectionOfSend) {
            this.id = id;
            this.connectionOfSend = connectionOfSend;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= REFUSED) {
                // A refusal (ACL, quota) will not heal by publishing again: the entry leaves the outbox anyway.
                log.error("broker refused a publication [site: {}, entry: {}, reason code: {}]", siteId, id, codes[0]);
            }
            acknowledged.add(id);
            inFlight.remove(id);
            wake();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            inFlight.remove(id);
            failed.add(new Failure(id, connectionOfSend));
            wake();
        }
    }
}
