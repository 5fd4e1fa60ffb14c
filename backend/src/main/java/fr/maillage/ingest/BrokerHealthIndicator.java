package fr.maillage.ingest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Readiness follows the broker connection: an instance that cannot ingest should not take traffic, but it is
 * alive (Paho keeps reconnecting), so liveness is left alone.
 */
@Singleton
@Readiness
@Requires(beans = {HealthEndpoint.class, MqttIngestClient.class})
class BrokerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final MqttIngestClient client;

    BrokerHealthIndicator(MqttIngestClient client) {
        this.client = client;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = client.isConnected() ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("connected", client.isConnected());
    }

    @Override
    protected String getName() {
        return "mqtt-ingest";
    }
}
