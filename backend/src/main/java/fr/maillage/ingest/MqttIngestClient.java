package fr.maillage.ingest;

import fr.maillage.contract.Channel;
import fr.maillage.contract.SiteTopic;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's MQTT v5 connection. Paho is used directly rather than through micronaut-mqtt because ingest
 * needs three things that module does not give: acknowledging each message only after its transaction
 * committed (manual acks), starting while the broker is down and connecting when it comes, and re-subscribing
 * the shared filters after every reconnection.
 *
 * <p>Paho's callback thread only queues each message for the {@link IngestWorker}, which commits them in batches
 * and acknowledges them afterwards. The broker sends at most the receive-maximum of unacknowledged messages: that
 * window is the back-pressure, and it bounds the queue.
 */
@Singleton
@Requires(property = "maillage.ingest.enabled", notEquals = "false")
public class MqttIngestClient implements MqttCallback, ApplicationEventListener<ServerStartupEvent> {

    private static final Logger log = LoggerFactory.getLogger(MqttIngestClient.class);
    private static final int QOS_AT_LEAST_ONCE = 1;
    private static final long FIRST_RETRY_SECONDS = 1;
    private static final long MAX_RETRY_SECONDS = 60;
    private static final Channel[] INGESTED = {Channel.STATE, Channel.STATUS, Channel.SESSION};

    private final IngestConfiguration configuration;
    private final IngestWorker worker;
    private final MqttAsyncClient client;
    private final ScheduledExecutorService connector =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "mqtt-ingest-connect"));
    /**
     * Counts connections lost. A message is acknowledged only on the connection it came on: after a reconnection
     * its packet id may name another message, and the broker delivers the unacknowledged one again anyway.
     */
    private final AtomicLong connectionsLost = new AtomicLong();
    private volatile boolean stopping;

    MqttIngestClient(IngestConfiguration configuration, IngestWorker worker) throws MqttException {
        this.configuration = configuration;
        this.worker = worker;
        // In-flight state lives in the broker's persistent session; nothing needs to survive here.
        this.client = new MqttAsyncClient(configuration.brokerUri(), clientId(configuration), new MemoryPersistence());
        this.client.setManualAcks(true);
        this.client.setCallback(this);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        connect(FIRST_RETRY_SECONDS);
    }

    /** Whether the connection to the broker is up, for the health endpoint. */
    public boolean isConnected() {
        return client.isConnected();
    }

    private void connect(long nextDelaySeconds) {
        if (stopping) {
            return;
        }
        try {
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete subscribes.
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    log.warn("broker unreachable, retrying [broker: {}, in: {}s, cause: {}]",
                            configuration.brokerUri(), nextDelaySeconds, error.getMessage());
                    connector.schedule(
                            () -> connect(Math.min(nextDelaySeconds * 2, MAX_RETRY_SECONDS)),
                            nextDelaySeconds,
                            TimeUnit.SECONDS);
                }
            });
        } catch (MqttException e) {
            log.warn("cannot start connecting [broker: {}]", configuration.brokerUri(), e);
            connector.schedule(() -> connect(nextDelaySeconds), nextDelaySeconds, TimeUnit.SECONDS);
        }
    }

    private MqttConnectionOptions options() {
        var options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(configuration.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay((int) FIRST_RETRY_SECONDS, (int) MAX_RETRY_SECONDS);
        options.setReceiveMaximum(configuration.receiveMaximum());
        options.setKeepAliveInterval(30);
        if (configuration.username() != null) {
            options.setUserName(configuration.username());
            options.setPassword(configuration.password() == null
                    ? new byte[0]
                    : configuration.password().getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        var subscriptions = new MqttSubscription[INGESTED.length];
        for (int i = 0; i < INGESTED.length; i++) {
            subscriptions[i] = new MqttSubscription(
                    SiteTopic.sharedFilter(configuration.sharedGroup(), INGESTED[i]), QOS_AT_LEAST_ONCE);
        }
        try {
            client.subscribe(subscriptions);
            log.info("ingesting site messages [broker: {}, group: {}, reconnect: {}]",
                    serverUri, configuration.sharedGroup(), reconnect);
        } catch (MqttException e) {
            // Without its subscriptions the connection is useless; dropping it makes Paho reconnect and retry.
            log.error("subscription failed, reconnecting [broker: {}]", serverUri, e);
            try {
                client.disconnectForcibly(0, 1_000, false);
            } catch (MqttException ignored) {
                // Already gone: automatic reconnect takes over either way.
            }
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
        if (stopping) {
            // Paho may hand over queued messages while disconnecting; left unacknowledged, the broker gives them
            // to another instance of the group or to this one when it is back.
            throw new IllegalStateException("shutting down: message left to the broker [topic: " + topic + "]");
        }
        long connection = connectionsLost.get();
        worker.submit(new Inbound(topic, message.getPayload(), Instant.now(), () -> acknowledge(message, connection)));
    }

    /** Called once the message's outcome committed: only now may the broker forget it. */
    private void acknowledge(MqttMessage message, long connection) {
        if (connectionsLost.get() != connection) {
            log.debug("not acknowledged, its connection is gone: the broker delivers it again [id: {}]",
                    message.getId());
            return;
        }
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            log.debug("acknowledgement not sent, the broker delivers the message again [id: {}, cause: {}]",
                    message.getId(), e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        connectionsLost.incrementAndGet();
        if (!stopping) {
            log.warn("disconnected from broker, reconnecting [reason: {}]", response.getReasonString());
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT error [broker: {}]", configuration.brokerUri(), exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // The ingest publishes nothing.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication is configured.
    }

    @PreDestroy
    void stop() {
        stopping = true;
        connector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            log.warn("MQTT client did not close cleanly", e);
        }
    }

    private static String clientId(IngestConfiguration configuration) {
        if (configuration.clientId() != null) {
            return configuration.clientId();
        }
        try {
            return "maillage-backend-" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("set maillage.ingest.client-id: the host has no name", e);
        }
    }
}
