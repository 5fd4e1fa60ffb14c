package fr.maillage.agent;

import fr.maillage.contract.Command;
import fr.maillage.contract.Decoded;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteMessage;
import fr.maillage.contract.StateMessage;
import fr.maillage.contract.StatusMessage;
import fr.maillage.contract.WireCodec;
import fr.maillage.contract.WireMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A backend stand-in: subscribes to one site's topics and keeps what it receives, decoded by the codec. */
public final class TestSubscriber implements AutoCloseable {

    private static final WireCodec CODEC = new WireCodec();
    private static final long TIMEOUT_MS = 10_000;

    private MqttAsyncClient client;
    private final String siteId;
    private final MqttConnectionOptions options;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();

    /** What arrived, with the retain flag as delivered (true for a retained message replayed at subscription). */
    public record Received(String topic, SiteMessage message, boolean retained) {}

    private TestSubscriber(MqttAsyncClient client, String siteId, MqttConnectionOptions options) {
        this.client = client;
        this.siteId = siteId;
        this.options = options;
    }

    public static TestSubscriber of(String brokerUri, String siteId) throws MqttException {
        return subscribe(brokerUri, siteId, "maillage/v1/site/" + siteId + "/+", "test-sub-" + UUID.randomUUID(), 0);
    }

    /** Hears every site; the shared broker may also carry other tests' sites, so filter by site id. */
    public static TestSubscriber ofAllSites(String brokerUri) throws MqttException {
        return subscribe(brokerUri, null, "maillage/v1/site/+/+", "test-sub-" + UUID.randomUUID(), 0);
    }

    /**
     * Like {@link #of}, with a persistent session the broker keeps for {@code sessionExpiry}: what is published
     * while this subscriber is away (or while the broker restarts) is queued for it and delivered on
     * {@link #reconnect()}, as for the backend.
     */
    public static TestSubscriber persistent(String brokerUri, String siteId, Duration sessionExpiry)
            throws MqttException {
        return subscribe(brokerUri, siteId, "maillage/v1/site/" + siteId + "/+", "test-durable-" + UUID.randomUUID(),
                sessionExpiry.toSeconds());
    }

    private static TestSubscriber subscribe(
            String brokerUri, String siteId, String filter, String clientId, long sessionExpiry)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(sessionExpiry == 0);
        options.setSessionExpiryInterval(sessionExpiry);
        TestSubscriber subscriber = new TestSubscriber(client, siteId, options);
        // One callback for the client's life, not per subscription: it also hears what a resumed session delivers.
        client.setCallback(subscriber.new Arrivals());
        client.connect(options).waitForCompletion(TIMEOUT_MS);
        MqttSubscription[] subscriptions = {new MqttSubscription(filter, 1)};
        client.subscribe(subscriptions).waitForCompletion(TIMEOUT_MS);
        return subscriber;
    }

    /**
     * Connects again after the broker dropped the connection, resuming the session (kept by the broker) on a new
     * client under the same id: connecting again the client whose connection was lost sometimes never completed
     * (Paho answered "connect already in progress" when it was closed).
     */
    public void reconnect() throws MqttException {
        MqttAsyncClient lost = client;
        lost.close(true);
        client = new MqttAsyncClient(lost.getServerURI(), lost.getClientId(), new MemoryPersistence());
        client.setCallback(new Arrivals());
        client.connect(options).waitForCompletion(TIMEOUT_MS);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    private final class Arrivals implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            arrived(topic, message);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    private void arrived(String topic, MqttMessage message) {
        if (message.getPayload().length == 0) {
            return;
        }
        Decoded decoded = CODEC.decode(topic, message.getPayload());
        switch (decoded) {
            case Decoded.Accepted accepted when accepted.message() instanceof SiteMessage site ->
                received.add(new Received(topic, site, message.isRetained()));
            case Decoded.Accepted accepted -> rejected.add(topic + ": not a site message");
            case Decoded.Rejected refused -> rejected.add(topic + ": " + refused.rejection());
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    public List<StateMessage> states() {
        return received.stream().map(Received::message).filter(StateMessage.class::isInstance)
                .map(StateMessage.class::cast).toList();
    }

    public List<StatusMessage> statuses() {
        return received.stream().map(Received::message).filter(StatusMessage.class::isInstance)
                .map(StatusMessage.class::cast).toList();
    }

    public List<SessionEvent> sessions() {
        return received.stream().map(Received::message).filter(SessionEvent.class::isInstance)
                .map(SessionEvent.class::cast).toList();
    }

    /** Sends a command to the site, as the backend would. */
    public void command(Command.Type type) throws MqttException {
        Command command = new Command(WireMessage.SCHEMA_VERSION, UUID.randomUUID(), Instant.now(), type);
        client.publish("maillage/v1/site/" + siteId + "/cmd", CODEC.encode(command), 1, false)
                .waitForCompletion(TIMEOUT_MS);
    }

    /** Removes the site's retained birth from the shared broker. */
    public void clearRetained() throws MqttException {
        clearRetained(siteId);
    }

    public void clearRetained(String siteId) throws MqttException {
        client.publish("maillage/v1/site/" + siteId + "/state", new byte[0], 1, true).waitForCompletion(TIMEOUT_MS);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(TIMEOUT_MS);
        }
        client.close();
    }
}
