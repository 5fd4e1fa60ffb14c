package fr.maillage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.Decoded;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.WireCodec;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.servers.FreePort;
import fr.maillage.support.RealServers;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durability promise of issue 3, end to end and every part real: the agent runs as its own JVM
 * ({@code maillage-agent run}, the command the systemd unit starts), staff register sessions through its
 * localhost form, the process is SIGKILLed while submissions and publications are in flight, it restarts on
 * the same data directory, and the backend's PostgreSQL must hold every step the staff saw confirmed exactly
 * once.
 *
 * <p>The staff's acknowledgement is the form's {@code 303 See Other} to the confirmation page: it is sent
 * only after the event is committed to the outbox. A submission cut by the kill got no acknowledgement; it may
 * or may not arrive (at most once), and it is never retried by the test, so "exactly one row per acknowledged
 * step" cannot be met by chance.
 */
@MicronautTest
@Timeout(600)
class AgentCrashEndToEndIT extends RealServers {

    private static final Logger log = LoggerFactory.getLogger(AgentCrashEndToEndIT.class);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration STORED = Duration.ofMinutes(5);
    private static final int ACKS_BEFORE_KILL = 240;
    private static final int STAFF = 4;
    private static final String AGENT_MAIN = "fr.maillage.agent.cli.AgentCommand";

    @Inject MqttIngestClient ingest;
    @Inject DataSource contextualDataSource;
    @Inject DataSourceResolver dataSources;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> agents = new ArrayList<>();

    /** One step the staff submitted: the session and what happened to it. */
    private record Step(UUID sessionId, SessionEvent.Type type) {}

    @AfterEach
    void stopAgents() throws InterruptedException {
        for (Process agent : agents) {
            agent.destroyForcibly();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("kill -9 of the agent mid-stream: every step acknowledged to the staff is stored exactly once")
    void everyAcknowledgedStepIsStoredExactlyOnce(@TempDir Path dir) throws Exception {
        await().atMost(WAIT).until(ingest::isConnected);
        String siteId = siteId("55545-cabin");
        int formPort = FreePort.find();
        Path config = writeConfig(dir, siteId, formPort);
        Map<UUID, Integer> deliveries = new ConcurrentHashMap<>();
        Set<Step> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Step> attempted = ConcurrentHashMap.newKeySet();

        var wire = new MqttAsyncClient(servers.mqttUri(), "crash-watch-" + runId, new MemoryPersistence());
        try {
            watchSessions(wire, siteId, deliveries);

            Process first = startAgent(config, dir.resolve("agent-1.log"));
            awaitForm(formPort);
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService staff = Executors.newFixedThreadPool(STAFF);
            for (int i = 0; i < STAFF; i++) {
                staff.submit(() -> registerUntilRefused(formPort, attempted, acknowledged, killed));
            }
            await().atMost(WAIT).until(() -> acknowledged.size() >= ACKS_BEFORE_KILL || !first.isAlive());
            assertThat(first.isAlive()).as("agent still running, see %s", dir.resolve("agent-1.log")).isTrue();
            // SIGKILL on Linux: no shutdown hook, no OFFLINE, whatever was being written or published is cut.
            killed.set(true);
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            staff.shutdown();
            assertThat(staff.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            int acknowledgedBeforeKill = acknowledged.size();
            int cut = attempted.size() - acknowledgedBeforeKill;

            startAgent(config, dir.resolve("agent-2.log"));
            awaitForm(formPort);
            // The register of open sessions survived the kill too: end what was started and never ended.
            for (Step step : Set.copyOf(acknowledged)) {
                Step end = new Step(step.sessionId(), SessionEvent.Type.COMPLETED);
                if (step.type() == SessionEvent.Type.STARTED && !attempted.contains(end)) {
                    submit(formPort, end, attempted, acknowledged);
                }
            }
            for (int i = 0; i < 5; i++) {
                UUID session = UUID.randomUUID();
                submit(formPort, new Step(session, SessionEvent.Type.STARTED), attempted, acknowledged);
                submit(formPort, new Step(session, SessionEvent.Type.COMPLETED), attempted, acknowledged);
            }

            // Ingest commits one message per transaction: on a loaded 2-core machine 250 Encounters take a while.
            await().atMost(STORED).untilAsserted(() -> assertThat(storedSteps(siteId).keySet())
                    .as("acknowledged steps in encounter_event; agent log: %s", tail(dir.resolve("agent-2.log")))
                    .containsAll(acknowledged));
            await().atMost(WAIT).until(() -> sessionRowsLeft(dir.resolve("data")) == 0);

            Map<Step, Integer> stored = storedSteps(siteId);
            Map<Step, Integer> stepsStoredTwice = stored.entrySet().stream()
                    .filter(e -> e.getValue() != 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(stepsStoredTwice).as("steps stored more than once").isEmpty();
            assertThat(stored.keySet()).as("every acknowledged step, none missing").containsAll(acknowledged);
            assertThat(attempted).as("nothing stored that was never submitted").containsAll(stored.keySet());
            Set<UUID> completed = acknowledged.stream()
                    .filter(s -> s.type() == SessionEvent.Type.COMPLETED)
                    .map(Step::sessionId)
                    .collect(Collectors.toSet());
            assertThat(encounterStatuses(siteId, completed)).containsOnlyKeys(completed).allSatisfy(
                    (session, status) -> assertThat(status).as("encounter %s", session).isEqualTo("finished"));

            int redelivered = deliveries.values().stream().mapToInt(n -> n - 1).sum();
            log.info("kill -9 end to end [acknowledged before the kill: {}, cut by the kill: {}, acknowledged in "
                            + "all: {}, stored steps: {}, broker deliveries: {} for {} event ids ({} redelivered, "
                            + "absorbed by the event ledger)]",
                    acknowledgedBeforeKill, cut, acknowledged.size(), stored.size(),
                    deliveries.values().stream().mapToInt(Integer::intValue).sum(), deliveries.size(), redelivered);
            wire.publish("maillage/v1/site/" + siteId + "/state", new byte[0], 1, true).waitForCompletion(10_000);
        } finally {
            if (wire.isConnected()) {
                wire.disconnect().waitForCompletion(10_000);
            }
            wire.close();
        }
    }

    /** One member of staff: starts and ends sessions until the form stops answering (the agent was killed). */
    private void registerUntilRefused(int port, Set<Step> attempted, Set<Step> acknowledged, AtomicBoolean killed) {
        try {
            while (true) {
                UUID session = UUID.randomUUID();
                submit(port, new Step(session, SessionEvent.Type.STARTED), attempted, acknowledged);
                submit(port, new Step(session, SessionEvent.Type.COMPLETED), attempted, acknowledged);
            }
        } catch (IOException e) {
            if (!killed.get()) {
                throw new IllegalStateException("the form stopped answering before the kill", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Posts one step as the form would; returns normally only if the agent acknowledged it. */
    private void submit(int port, Step step, Set<Step> attempted, Set<Step> acknowledged)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("session", step.sessionId().toString());
        fields.put("professional", "NURSE");
        String action;
        if (step.type() == SessionEvent.Type.STARTED) {
            action = "start";
        } else {
            action = "end";
            fields.put("specialty", "GENERAL_PRACTICE");
            fields.put("reason", "NO_REGULAR_DOCTOR");
            fields.put("age-band", "AGE_75_89");
            fields.put("sex", "FEMALE");
            fields.put("commune", "55029");
            fields.put("regular-doctor", "non");
            fields.put("devices", "STETHOSCOPE");
            fields.put("outcome", "PRESCRIPTION");
            fields.put("satisfaction", "9");
        }
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        attempted.add(step);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + action))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 303) {
            throw new IllegalStateException(
                    "form refused " + step + ": " + response.statusCode() + " " + response.body());
        }
        acknowledged.add(step);
    }

    private Process startAgent(Path config, Path logFile) throws IOException {
        Process agent = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AGENT_MAIN,
                        "run",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        agents.add(agent);
        return agent;
    }

    private void awaitForm(int port) {
        await().atMost(WAIT).ignoreExceptions().until(() -> http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                == 200);
    }

    private Path writeConfig(Path dir, String siteId, int formPort) throws IOException {
        Path config = dir.resolve("agent.yml");
        Files.writeString(config, """
                site:
                  id: %s
                  name: Cabine de la mairie de Verdun
                  kind: CABIN
                  inseeCode: "55545"
                mqtt:
                  uris: [%s]
                  keepAlive: 5s
                  reconnectInitial: 500ms
                  reconnectMax: 2s
                heartbeat: 30s
                probeInterval: 5s
                dataDir: %s
                form:
                  port: %d
                """.formatted(siteId, servers.mqttUri(), dir.resolve("data"), formPort));
        return config;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    /** Counts what the broker delivers per event id, to report how many duplicates the backend absorbed. */
    private static void watchSessions(MqttAsyncClient wire, String siteId, Map<UUID, Integer> deliveries)
            throws Exception {
        WireCodec codec = new WireCodec();
        wire.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        IMqttMessageListener count = (topic, message) -> {
            if (codec.decode(topic, message.getPayload()) instanceof Decoded.Accepted accepted
                    && accepted.message() instanceof SessionEvent event) {
                deliveries.merge(event.eventId(), 1, Integer::sum);
            }
        };
        wire.subscribe(
                        new MqttSubscription[] {new MqttSubscription("maillage/v1/site/" + siteId + "/session", 1)},
                        null,
                        null,
                        new IMqttMessageListener[] {count},
                        new MqttProperties())
                .waitForCompletion(10_000);
    }

    /** Rows of the backend's event ledger for the site, counted per (session, step). */
    private Map<Step, Integer> storedSteps(String siteId) throws SQLException {
        Map<Step, Integer> steps = new HashMap<>();
        try (Connection c = dataSources.resolve(contextualDataSource).getConnection();
                var st = c.prepareStatement("SELECT encounter_id, type FROM encounter_event WHERE site_id = ?")) {
            st.setString(1, siteId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    steps.merge(new Step(rs.getObject(1, UUID.class), SessionEvent.Type.valueOf(rs.getString(2))), 1,
                            Integer::sum);
                }
            }
        }
        return steps;
    }

    private Map<UUID, String> encounterStatuses(String siteId, Set<UUID> sessions) throws SQLException {
        Map<UUID, String> statuses = new HashMap<>();
        try (Connection c = dataSources.resolve(contextualDataSource).getConnection();
                var st = c.prepareStatement("SELECT id, status FROM encounter WHERE site_id = ?")) {
            st.setString(1, siteId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    if (sessions.contains(id)) {
                        statuses.put(id, rs.getString(2));
                    }
                }
            }
        }
        return statuses;
    }

    /** Session events still in the agent's outbox (read beside the running agent, as the session CLI does). */
    private static long sessionRowsLeft(Path dataDir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("outbox.db"));
                var st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM outbox WHERE channel = 'SESSION'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
