package fr.maillage.agent.mqtt;

import fr.maillage.agent.outbox.Outbox;
import fr.maillage.contract.Channel;
import fr.maillage.contract.Command;
import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.Decoded;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.StateMessage;
import fr.maillage.contract.WireCodec;
import fr.maillage.contract.WireMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one site connected: connects in the background, publishes the birth, watches for the connection's
 * loss and reconnects with {@link Backoff} across the broker URIs. Every attempt takes a new {@code connSeq},
 * which both its Will and its birth carry, so the backend can tell a stale Will from a fresh birth.
 */
public final class BrokerLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerLink.class);
    private static final long ORDERLY_TIMEOUT_MS = 5_000;

    private final BrokerConfig config;
    private final MqttClientFactory factory;
    private final String siteId;
    private final SiteDescriptor site;
    private final String agentVersion;
    private final Outbox outbox;
    private final WireCodec codec;
    private final Clock clock;
    private final LinkListener listener;
    private final Random random = new Random();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;

    private volatile MqttAsyncClient client;
    private volatile boolean connected;
    private volatile long connSeq;
    private volatile long connections;
    private boolean running = true;
    private Instant downUntil = Instant.MIN;

    public BrokerLink(
            BrokerConfig config,
            String siteId,
            SiteDescriptor site,
            String agentVersion,
            Outbox outbox,
            WireCodec codec,
            Clock clock,
            LinkListener listener) {
        this.config = config;
        this.factory = new MqttClientFactory(config);
        this.siteId = siteId;
        this.site = site;
        this.agentVersion = agentVersion;
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.listener = listener;
        this.connSeq = outbox.currentConnSeq();
        this.thread = Thread.ofVirtual().name("mqtt-link-" + siteId).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    public boolean isConnected() {
        return connected;
    }

    /** Counts successful connections; changes whenever in-flight publications were lost with a connection. */
    public long connections() {
        return connections;
    }

    /** The client of the live connection, or null between connections. */
    public MqttAsyncClient client() {
        return connected ? client : null;
    }

    public long connSeq() {
        return connSeq;
    }

    /** Publishes the retained birth again, as the {@code REBIRTH} command asks. */
    public void publishBirth() {
        MqttAsyncClient current = client();
        if (current == null) {
            return;
        }
        try {
            publishState(current, ConnectionState.ONLINE);
        } catch (MqttException e) {
            log.warn("birth not published [site: {}]: {}", siteId, e.getMessage());
            lost();
        }
    }

    /**
     * Drops the connection as a failing network would, without a DISCONNECT packet, so that the broker
     * publishes the Will; then stays away for {@code outage} before reconnecting.
     */
    public void interrupt(Duration outage) {
        MqttAsyncClient current;
        lock.lock();
        try {
            downUntil = clock.instant().plus(outage);
            current = client;
            connected = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (current != null) {
            try {
                current.disconnectForcibly(0, 0, false);
            } catch (MqttException e) {
                log.debug("forced disconnect failed [site: {}]: {}", siteId, e.getMessage());
            }
        }
    }

    private void run() {
        int failures = 0;
        int uriIndex = 0;
        while (awaitNeedToConnect()) {
            String uri = config.uris().get(uriIndex % config.uris().size());
            long seqOfAttempt = outbox.nextConnSeq();
            try {
                connect(uri, seqOfAttempt);
                failures = 0;
                log.info("connected [site: {}, broker: {}, connSeq: {}]", siteId, uri, seqOfAttempt);
                listener.connected(seqOfAttempt);
            } catch (MqttException | RuntimeException e) {
                failures++;
                uriIndex++;
                Duration delay = config.reconnect().delay(failures, random);
                log.info("connection failed [site: {}, broker: {}, attempt: {}, retry in: {} ms]: {}",
                        siteId, uri, failures, delay.toMillis(), e.getMessage());
                discardClient();
                if (!sleep(delay)) {
                    return;
                }
            }
        }
    }

    private void connect(String uri, long seqOfAttempt) throws MqttException {
        discardClient();
        MqttAsyncClient fresh = factory.client(uri, clientId());
        client = fresh;
        fresh.setCallback(new Callback(fresh));
        String stateTopic = new SiteTopic(siteId, Channel.STATE).topic();
        connSeq = seqOfAttempt;
        byte[] will = codec.encode(state(ConnectionState.OFFLINE, seqOfAttempt));
        fresh.connect(factory.options(stateTopic, will)).waitForCompletion(config.connectTimeout().toMillis() + 1000);
        MqttSubscription[] commands = {new MqttSubscription(new SiteTopic(siteId, Channel.CMD).topic(), 1)};
        fresh.subscribe(commands).waitForCompletion(config.connectTimeout().toMillis());
        publishState(fresh, ConnectionState.ONLINE).waitForCompletion(config.connectTimeout().toMillis());
        lock.lock();
        try {
            if (client != fresh) {
                throw new IllegalStateException("connection replaced while connecting");
            }
            connections++;
            connected = true;
        } finally {
            lock.unlock();
        }
    }

    private IMqttToken publishState(MqttAsyncClient target, ConnectionState state) throws MqttException {
        MqttMessage message = new MqttMessage(codec.encode(state(state, connSeq)), 1, true, null);
        return target.publish(new SiteTopic(siteId, Channel.STATE).topic(), message);
    }

    private StateMessage state(ConnectionState state, long seqOfConnection) {
        boolean online = state == ConnectionState.ONLINE;
        return new StateMessage(
                WireMessage.SCHEMA_VERSION,
                UUID.randomUUID(),
                siteId,
                clock.instant(),
                seqOfConnection,
                outbox.nextSeq(),
                state,
                online ? site : null,
                online ? agentVersion : null);
    }

    private String clientId() {
        return "maillage-agent-" + siteId;
    }

    /** Waits until a connection is needed and allowed; false once closed. */
    private boolean awaitNeedToConnect() {
        lock.lock();
        try {
            while (running) {
                if (!connected) {
                    Duration wait = Duration.between(clock.instant(), downUntil);
                    if (wait.isNegative() || wait.isZero()) {
                        return true;
                    }
                    changed.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
                } else {
                    changed.await();
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean sleep(Duration delay) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + delay.toNanos();
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void lost() {
        lock.lock();
        try {
            connected = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Paho is called outside the lock: its shutdown waits for callback threads that may need the lock. */
    private void discardClient() {
        MqttAsyncClient old;
        lock.lock();
        try {
            old = client;
            client = null;
            connected = false;
        } finally {
            lock.unlock();
        }
        if (old == null) {
            return;
        }
        try {
            old.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            log.debug("discarded client did not disconnect [site: {}]: {}", siteId, e.getMessage());
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            log.debug("discarded client did not close [site: {}]: {}", siteId, e.getMessage());
        }
    }

    /** Orderly shutdown: publishes OFFLINE (retained, same connSeq), then disconnects so no Will follows. */
    @Override
    public void close() {
        MqttAsyncClient last;
        lock.lock();
        try {
            running = false;
            last = connected ? client : null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (last != null) {
            try {
                publishState(last, ConnectionState.OFFLINE).waitForCompletion(ORDERLY_TIMEOUT_MS);
                last.disconnect(ORDERLY_TIMEOUT_MS).waitForCompletion(ORDERLY_TIMEOUT_MS);
                log.info("disconnected [site: {}, connSeq: {}]", siteId, connSeq);
            } catch (MqttException e) {
                log.warn("orderly disconnect failed, the broker will publish the Will [site: {}]: {}",
                        siteId, e.getMessage());
            }
        }
        discardClient();
        try {
            thread.join(ORDERLY_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Paho's callbacks for one client; events of a discarded client are ignored. */
    private final class Callback implements MqttCallback {

        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (owner == client) {
                log.info("connection lost [site: {}, connSeq: {}]: {}", siteId, connSeq, response);
                lost();
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error [site: {}]: {}", siteId, exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Decoded decoded = codec.decode(topic, message.getPayload());
            if (decoded instanceof Decoded.Accepted accepted && accepted.message() instanceof Command command) {
                log.info("command received [site: {}, type: {}]", siteId, command.type());
                listener.command(command);
            } else if (decoded instanceof Decoded.Rejected rejected) {
                log.warn("command refused [site: {}, topic: {}]: {}", siteId, topic, rejected.rejection());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Completion is handled by each publication's own listener.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // The link thread waits on the connect token itself.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication is configured.
        }
    }
}
