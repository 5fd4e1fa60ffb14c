package fr.maillage.portal;

import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.WireCodec;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes sessions typed in the portal on the site's session topic, QoS 1, and returns once the broker has
 * acknowledged: from there they follow the agent's path (ingest, validation, Encounter, dead letter).
 * Connects on first use, so the application starts even while the broker is down.
 */
@Singleton
class SessionPublisher {

    private final PortalConfiguration configuration;
    private final WireCodec codec = new WireCodec();
    private MqttClient client;

    SessionPublisher(PortalConfiguration configuration) {
        this.configuration = configuration;
    }

    synchronized void publish(SessionEvent event) throws MqttException {
        byte[] payload = codec.encode(event);
        connected().publish(new SiteTopic(event.siteId(), event.channel()).topic(),
                new MqttMessage(payload, 1, false, null));
    }

    private MqttClient connected() throws MqttException {
        if (client == null) {
            client = new MqttClient(configuration.brokerUri(), configuration.publisherClientId(),
                    new MemoryPersistence());
        }
        if (!client.isConnected()) {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setConnectionTimeout(5);
            if (configuration.username() != null && !configuration.username().isBlank()) {
                options.setUserName(configuration.username());
                options.setPassword(configuration.password() == null
                        ? new byte[0]
                        : configuration.password().getBytes(StandardCharsets.UTF_8));
            }
            client.connect(options);
        }
        return client;
    }

    @PreDestroy
    synchronized void close() throws MqttException {
        if (client != null) {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }
}
