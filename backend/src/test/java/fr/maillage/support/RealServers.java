package fr.maillage.support;

import fr.maillage.servers.LocalServers;
import fr.maillage.servers.PostgresServer;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of backend tests that run the application against the real PostgreSQL and MQTT broker of
 * {@link LocalServers}: each test class gets a database of its own (migrated by Flyway at start-up), and its
 * own MQTT client id and shared-subscription group, so test classes never see each other's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RealServers implements TestPropertyProvider {

    protected final LocalServers servers = LocalServers.forTests();
    protected final String runId = UUID.randomUUID().toString().substring(0, 8);

    @Override
    public Map<String, String> getProperties() {
        PostgresServer postgres = servers.postgres();
        String databaseUrl =
                servers.createTestDatabase("maillage_" + getClass().getSimpleName().toLowerCase(Locale.ROOT));
        return Map.of(
                "datasources.default.url", databaseUrl,
                "datasources.default.username", postgres.user(),
                "datasources.default.password", postgres.password(),
                "maillage.ingest.broker-uri", servers.mqttUri(),
                "maillage.ingest.client-id", "maillage-test-" + runId,
                "maillage.ingest.shared-group", "test-" + runId,
                "maillage.ingest.session-expiry", "60s",
                "micronaut.server.port", "-1",
                "maillage.jwt.secret", Tokens.SECRET);
    }

    /** A site id no other test run uses. */
    protected String siteId(String name) {
        return name + "-" + runId;
    }
}
