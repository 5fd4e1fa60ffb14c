package fr.maillage.support;

import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.WireCodec;
import fr.maillage.contract.WireMessage;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A plain MQTT v5 client that publishes exactly the bytes a test gives it, QoS 1, and waits for the PUBACK. */
public final class TestPublisher implements AutoCloseable {

    private final MqttClient client;
    private final WireCodec codec = new WireCodec();

    public TestPublisher(String brokerUri) throws MqttException {
        client = new MqttClient(brokerUri, "test-publisher-" + UUID.randomUUID(), new MemoryPersistence());
        var options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
    }

    public void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        client.publish(topic, new MqttMessage(payload, 1, retained, null));
    }

    public void publish(String siteId, WireMessage message) throws MqttException {
        publish(new SiteTopic(siteId, message.channel()).topic(), codec.encode(message), message.channel().retained());
    }

    /** Removes a retained message, so the shared broker keeps nothing of the test. */
    public void clearRetained(String topic) throws MqttException {
        publish(topic, new byte[0], true);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
