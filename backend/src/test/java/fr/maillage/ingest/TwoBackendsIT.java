package fr.maillage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.WireCodec;
import fr.maillage.contract.WireMessage;
import fr.maillage.security.Roles;
import fr.maillage.servers.LocalServers;
import fr.maillage.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Horizontal scale: two backend processes on one broker and one database share the sites' messages through the
 * shared subscription; one is killed (SIGKILL) in the middle of the stream and started again under its client
 * id, as a crashed container is restarted. Every event is stored exactly once and none is lost.
 *
 * <p>The killed instance's unacknowledged messages, and those the broker routed to its session while it was
 * down, come back when it resumes the session: Mosquitto does not hand them to the other member of the group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoBackendsIT {

    private static final int SITES = 8;
    private static final int SESSIONS_PER_SITE = 30;
    private static final int STATUSES_PER_SESSION = 3;
    private static final int EVENTS_PER_SITE = SESSIONS_PER_SITE * (2 + STATUSES_PER_SESSION);
    private static final int TOTAL = SITES * EVENTS_PER_SITE;
    private static final Duration WAIT = Duration.ofMinutes(8);
    private static final Pattern APPLIED =
            Pattern.compile("^maillage_ingest_messages_total\\{[^}]*outcome=\"applied\"[^}]*} ([0-9.E]+)$",
                    Pattern.MULTILINE);

    private final LocalServers servers = LocalServers.forTests();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final WireCodec codec = new WireCodec();
    private final List<AutoCloseable> started = new ArrayList<>();
    private Path dir;
    private String databaseUrl;
    private String brokerUri;

    @BeforeAll
    void servers() throws Exception {
        dir = Files.createDirectories(Path.of("target", "two-backends-" + run));
        databaseUrl = servers.createTestDatabase("maillage_two_backends");
        if (OwnBroker.installed()) {
            OwnBroker broker = OwnBroker.start(dir);
            started.add(broker);
            brokerUri = broker.uri();
        } else {
            brokerUri = servers.mqttUri();
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable server : started.reversed()) {
            server.close();
        }
    }

    private BackendProcess backend(String name) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", databaseUrl);
        properties.put("datasources.default.username", servers.postgres().user());
        properties.put("datasources.default.password", servers.postgres().password());
        properties.put("maillage.ingest.broker-uri", brokerUri);
        properties.put("maillage.ingest.client-id", "two-backends-" + name + "-" + run);
        properties.put("maillage.ingest.shared-group", "two-" + run);
        properties.put("maillage.ingest.session-expiry", "10m");
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("maillage.jwt.secret", Tokens.SECRET);
        // C1 only: a quicker start, and throughput is not what this test measures.
        BackendProcess backend = BackendProcess.start(name + "-" + started.size(), properties, dir,
                List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"));
        started.add(backend);
        return backend;
    }

    @Test
    void everyEventIsStoredExactlyOnceWhenOneOfTwoBackendsIsKilledMidStream() throws Exception {
        BackendProcess a = backend("a");
        BackendProcess b = backend("b");
        a.awaitReady();
        b.awaitReady();

        Set<UUID> sessionEvents = ConcurrentHashMap.newKeySet();
        var published = new AtomicInteger();
        ExecutorService sites = Executors.newFixedThreadPool(SITES);
        List<Future<Long>> lastStatusSeqs = new ArrayList<>();
        for (int s = 0; s < SITES; s++) {
            String site = "two-" + run + "-" + s;
            lastStatusSeqs.add(sites.submit(() -> publishSite(site, sessionEvents, published)));
        }
        await().atMost(WAIT).until(() -> published.get() >= TOTAL * 3 / 10);
        b.kill();
        await().atMost(WAIT).until(() -> published.get() >= TOTAL * 6 / 10);
        BackendProcess restarted = backend("b");
        long seq = 0;
        for (Future<Long> site : lastStatusSeqs) {
            seq = site.get();
        }
        long lastStatusSeq = seq;
        sites.shutdown();
        restarted.awaitReady();

        try (Connection db = DriverManager.getConnection(
                databaseUrl, servers.postgres().user(), servers.postgres().password())) {
            await().atMost(WAIT).until(() -> count(db, "SELECT count(*) FROM encounter_event") >= sessionEvents.size()
                    && count(db, "SELECT count(*) FROM site WHERE last_status_seq < " + lastStatusSeq) == 0);
            assertThat(storedEventIds(db)).isEqualTo(sessionEvents);
            assertThat(count(db, "SELECT count(*) FROM encounter WHERE status = 'finished'"))
                    .isEqualTo(SITES * SESSIONS_PER_SITE);
            assertThat(count(db, "SELECT count(*) FROM encounter WHERE version_id > 2"))
                    .as("no event applied twice").isZero();
            assertThat(count(db, "SELECT count(*) FROM site WHERE last_status_seq = " + lastStatusSeq))
                    .as("every site's last status applied").isEqualTo(SITES);
            assertThat(count(db, "SELECT count(*) FROM dead_letter")).isZero();
        }
        assertThat(applied(a)).as("the surviving instance took part").isPositive();
        assertThat(applied(restarted)).as("the restarted instance resumed its share").isPositive();
    }

    /**
     * Publishes a site's sessions, each with status snapshots between its start and its end. Every site sends the
     * same sequence numbers.
     *
     * @return the seq of the site's last status
     */
    private long publishSite(String site, Set<UUID> sessionEvents, AtomicInteger published) throws Exception {
        var client = new MqttClient(brokerUri, "site-" + site, new MemoryPersistence());
        var options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        long seq = 0;
        long lastStatus = 0;
        for (int i = 0; i < SESSIONS_PER_SITE; i++) {
            UUID session = UUID.randomUUID();
            publish(client, site, SiteEvents.started(site, session, ++seq), sessionEvents, published);
            for (int k = 0; k < STATUSES_PER_SESSION; k++) {
                lastStatus = ++seq;
                publish(client, site, SiteEvents.status(site, lastStatus), sessionEvents, published);
            }
            publish(client, site, SiteEvents.completed(site, session, ++seq, i), sessionEvents, published);
        }
        client.disconnect();
        client.close();
        return lastStatus;
    }

    private void publish(MqttClient client, String site, WireMessage message, Set<UUID> sessionEvents,
            AtomicInteger published) throws Exception {
        client.publish(new SiteTopic(site, message.channel()).topic(),
                new MqttMessage(codec.encode(message), 1, false, null));
        if (message instanceof fr.maillage.contract.SessionEvent event) {
            sessionEvents.add(event.eventId());
        }
        published.incrementAndGet();
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<UUID> storedEventIds(Connection db) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT event_id FROM encounter_event")) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    /** Messages this instance applied, from its own /prometheus. */
    private static double applied(BackendProcess backend) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + backend.port() + "/prometheus"))
                        .header("Authorization", "Bearer " + Tokens.token("scraper", Roles.METRICS, null, null))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        double total = 0;
        Matcher matcher = APPLIED.matcher(response.body());
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }
}
