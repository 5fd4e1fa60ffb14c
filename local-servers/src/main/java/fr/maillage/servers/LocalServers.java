package fr.maillage.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** A PostgreSQL server and an MQTT broker, with whatever this process had to start to get them. */
public final class LocalServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalServers.class);
    private static final String POSTGRES_IMAGE = "postgres:17-alpine";
    private static final String HIVEMQ_IMAGE = "hivemq/hivemq-ce:2025.5";

    private static LocalServers shared;

    private final PostgresServer postgres;
    private final String mqttUri;
    private final Origin brokerOrigin;
    private final List<AutoCloseable> started;

    private LocalServers(PostgresServer postgres, String mqttUri, Origin brokerOrigin, List<AutoCloseable> started) {
        this.postgres = postgres;
        this.mqttUri = mqttUri;
        this.brokerOrigin = brokerOrigin;
        this.started = started;
    }

    /**
     * The servers for this test JVM, started on first use and stopped when the JVM exits: the configured
     * ones, else containers where Docker answers, else embedded ones.
     */
    public static synchronized LocalServers forTests() {
        if (shared == null) {
            shared = start(ServerSettings.from(System.getenv()), temporaryHome(), true);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-servers-stop"));
        }
        return shared;
    }

    /**
     * The servers for the demo: the configured ones, else embedded ones keeping their data under {@code home}
     * so that a second run finds the first one's sessions.
     */
    public static LocalServers forDemo(ServerSettings settings, Path home) {
        return start(settings, home, false);
    }

    private static LocalServers start(ServerSettings settings, Path home, boolean containersAllowed) {
        List<AutoCloseable> started = new ArrayList<>();
        boolean docker = containersAllowed
                && (settings.databaseUrl().isEmpty() || settings.mqttUri().isEmpty())
                && dockerAnswers();
        PostgresServer postgres = settings.databaseUrl()
                .map(url -> new PostgresServer(url, settings.databaseUser(), settings.databasePassword(),
                        Origin.CONFIGURED))
                .orElseGet(() -> docker ? postgresContainer(started) : embeddedPostgres(home, started));
        String mqttUri;
        Origin brokerOrigin;
        if (settings.mqttUri().isPresent()) {
            mqttUri = settings.mqttUri().get();
            brokerOrigin = Origin.CONFIGURED;
        } else if (docker) {
            mqttUri = brokerContainer(started);
            brokerOrigin = Origin.CONTAINER;
        } else {
            EmbeddedBroker broker = EmbeddedBroker.start(home.resolve("broker"), 0);
            started.add(broker);
            mqttUri = broker.uri();
            brokerOrigin = Origin.EMBEDDED;
        }
        log.info("servers ready [postgres: {} {}, broker: {} {}]",
                postgres.origin(), postgres.adminUrl(), brokerOrigin, mqttUri);
        return new LocalServers(postgres, mqttUri, brokerOrigin, started);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /**
     * An empty database for one test class, dropped when these servers close (after the test's application
     * has stopped using it, which an {@code @AfterAll} of the test class cannot guarantee).
     */
    public String createTestDatabase(String prefix) {
        String url = postgres.createDatabase(prefix);
        started.add(() -> postgres.dropDatabase(url));
        return url;
    }

    public String mqttUri() {
        return mqttUri;
    }

    public Origin brokerOrigin() {
        return brokerOrigin;
    }

    @Override
    public void close() {
        for (AutoCloseable server : started.reversed()) {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("server did not stop cleanly [{}]", server, e);
            }
        }
        started.clear();
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static PostgresServer postgresContainer(List<AutoCloseable> started) {
        var container = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE));
        container.start();
        started.add(container::stop);
        return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                Origin.CONTAINER);
    }

    private static String brokerContainer(List<AutoCloseable> started) {
        var container = new HiveMQContainer(DockerImageName.parse(HIVEMQ_IMAGE));
        container.start();
        started.add(container::stop);
        return "tcp://" + container.getHost() + ":" + container.getMqttPort();
    }

    private static PostgresServer embeddedPostgres(Path home, List<AutoCloseable> started) {
        try {
            Path data = home.resolve("postgres");
            boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createDirectories(data))
                    .setCleanDataDirectory(false)
                    .setPort(FreePort.find())
                    .start();
            started.add(pg);
            log.debug("embedded postgres started [data: {}, fresh: {}]", data, fresh);
            return new PostgresServer(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", Origin.EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start under " + home, e);
        }
    }

    private static Path temporaryHome() {
        try {
            Path home = Files.createTempDirectory("maillage-servers-");
            home.toFile().deleteOnExit();
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
