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
        return Map.ofEntries(
                Map.entry("datasources.default.url", databaseUrl),
                Map.entry("datasources.default.username", postgres.user()),
                Map.entry("datasources.default.password", postgres.password()),
                Map.entry("maillage.ingest.broker-uri", servers.mqttUri()),
                Map.entry("maillage.ingest.client-id", "maillage-test-" + runId),
                Map.entry("maillage.ingest.shared-group", "test-" + runId),
                Map.entry("maillage.ingest.session-expiry", "60s"),
                Map.entry("micronaut.server.port", "-1"),
                Map.entry("maillage.jwt.secret", Tokens.SECRET),
                // files the application writes stay in the build's output, one folder per test class
                Map.entry("maillage.export.directory", "target/export/" + getClass().getSimpleName() + "-" + runId),
                Map.entry("maillage.opendata.directory",
                        "target/opendata/" + getClass().getSimpleName() + "-" + runId));
    }

    /** A site id no other test run uses. */
    protected String siteId(String name) {
        return name + "-" + runId;
    }
}
