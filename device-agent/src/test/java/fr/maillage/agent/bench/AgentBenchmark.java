package fr.maillage.agent.bench;

import fr.maillage.agent.AgentConfig;
import fr.maillage.agent.SiteAgent;
import fr.maillage.agent.Sites;
import fr.maillage.contract.SessionEvent;
import fr.maillage.servers.LocalServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Prints the agent's numbers; asserts nothing. Needs the shaded jar (package first). Run with
 * {@code ./mvnw -B -pl device-agent -Pbench verify}; the broker is {@code MAILLAGE_MQTT_URI} or an embedded one.
 * System properties: {@code bench.idleSeconds} (60), {@code bench.events} (3000), {@code bench.sites}
 * ("100,250,500"); 0 or an empty list skips a part.
 */
public final class AgentBenchmark {

    private static final Path JAR = Path.of(System.getProperty("bench.jar", "target/maillage-agent.jar"));

    private static final Pattern SIMULATED_ID =
            Pattern.compile("[0-9][0-9ab][0-9]{3}-(cabin|health-centre|pharmacy|public-service-point)-[0-9]+");

    private AgentBenchmark() {}

    public static void main(String[] args) throws Exception {
        String broker = LocalServers.forTests().mqttUri();
        String java = ProcessHandle.current().info().command().orElse("java");
        Path work = Files.createTempDirectory("maillage-bench-");
        System.out.printf("%nbroker %s, %d cores, java %s%n", broker, Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        int idleSeconds = Integer.getInteger("bench.idleSeconds", 60);
        if (idleSeconds > 0) {
            idle(java, broker, work, idleSeconds);
        }
        int events = Integer.getInteger("bench.events", 3000);
        if (events > 0) {
            throughput(broker, work, events);
        }
        for (String sites : System.getProperty("bench.sites", "100,250,500").split(",")) {
            if (!sites.isBlank()) {
                simulator(java, broker, work, Integer.parseInt(sites.trim()));
            }
        }
    }

    /** Start-up time, then RSS and CPU of one idle agent with -Xmx32m, as the systemd unit runs it. */
    private static void idle(String java, String broker, Path work, int seconds) throws Exception {
        String siteId = Sites.uniqueId("bench-idle");
        Path config = Files.writeString(work.resolve("idle.yml"), """
                site: {id: %s, name: Banc d'essai, kind: CABIN, inseeCode: "55029"}
                mqtt: {uris: %s}
                dataDir: %s
                probes:
                  usb: {devices: [{id: "1d6b:0002", kind: OTHER}]}
                  video: {expected: 1}
                  link: {url: "%s"}
                form: {port: 0}
                """.formatted(siteId, broker, work.resolve("idle-data"), broker));
        // The flags of deploy/agent/maillage-agent.service.
        try (ChildProcess agent = new ChildProcess(List.of(java, "-Xmx32m", "-Xms8m", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:MaxMetaspaceSize=48m", "-XX:ReservedCodeCacheSize=24m", "--enable-native-access=ALL-UNNAMED",
                "-jar", JAR.toString(), "run", "--config", config.toString()))) {
            long connected = agent.awaitLines(l -> l.contains("connected [site: " + siteId), 1, Duration.ofSeconds(60));
            long formReady = agent.awaitLines(l -> l.contains("session form ready"), 1, Duration.ofSeconds(60));
            Thread.sleep(10_000);
            double cpuBefore = agent.cpuSeconds();
            Thread.sleep(seconds * 1000L);
            double cpu = (agent.cpuSeconds() - cpuBefore) / seconds * 100;
            System.out.printf("idle agent (flags of the systemd unit, -Xmx32m): start-up to broker connected %d ms, to form ready %d ms;"
                    + " after %d s idle: RSS %.1f MiB, CPU %.2f %% of one core, %d threads%n",
                    connected, formReady, seconds, agent.rssMiB(), cpu, agent.threads());
        }
    }

    /** Durable writes (fsync each) and write + PUBACK + removal, through the real broker. */
    private static void throughput(String broker, Path work, int events) throws Exception {
        String siteId = Sites.uniqueId("bench-throughput");
        try (SiteAgent agent = SiteAgent.start(AgentConfig.forSite(siteId, Sites.BAR_LE_DUC, broker, work.resolve(siteId)))) {
            while (!agent.isConnected()) {
                Thread.sleep(50);
            }
            for (int i = 0; i < 200; i++) {
                agent.record(SessionEvent.Type.COMPLETED, UUID.randomUUID(), Sites.completed());
            }
            while (agent.pendingEvents() > 0) {
                Thread.sleep(10);
            }
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                agent.record(SessionEvent.Type.COMPLETED, UUID.randomUUID(), Sites.completed());
            }
            double recorded = (System.nanoTime() - start) / 1e9;
            while (agent.pendingEvents() > 0) {
                Thread.sleep(5);
            }
            double acked = (System.nanoTime() - start) / 1e9;
            System.out.printf("outbox, one recording thread, %d events: record() (fsync'd) %.0f events/s; "
                    + "recorded + published QoS 1 + PUBACK + removed %.0f events/s%n",
                    events, events / recorded, events / acked);
        }
    }

    /** One simulator process with {@code sites} virtual sites: connection time, then steady CPU and memory. */
    private static void simulator(String java, String broker, Path work, int sites) throws Exception {
        Set<String> born = ConcurrentHashMap.newKeySet();
        MqttAsyncClient watcher = new MqttAsyncClient(broker, "bench-watch-" + UUID.randomUUID(), new MemoryPersistence());
        watcher.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        // Only fresh births of simulator-shaped ids: the shared broker also carries other runs' sites.
        IMqttMessageListener births = (topic, message) -> {
            String siteId = topic.split("/")[3];
            if (!message.isRetained() && SIMULATED_ID.matcher(siteId).matches()
                    && new String(message.getPayload(), StandardCharsets.UTF_8).contains("\"ONLINE\"")) {
                born.add(siteId);
            }
        };
        watcher.subscribe(new MqttSubscription[] {new MqttSubscription("maillage/v1/site/+/state", 1)}, null, null,
                new IMqttMessageListener[] {births}, new MqttProperties()).waitForCompletion(10_000);
        born.clear();
        long seed = System.nanoTime();
        List<String> command = new ArrayList<>(Arrays.asList(java, "-Xmx512m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString(), "simulate", "--sites",
                Integer.toString(sites), "--speed", "60", "--seed", Long.toString(seed), "--broker", broker,
                "--work-dir", work.resolve("sim-" + sites).toString()));
        try (ChildProcess simulator = new ChildProcess(command)) {
            long started = System.nanoTime();
            long deadline = started + Duration.ofMinutes(3).toNanos();
            while (born.size() < sites && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long allBorn = (System.nanoTime() - started) / 1_000_000;
            Thread.sleep(10_000);
            double cpuBefore = simulator.cpuSeconds();
            Thread.sleep(30_000);
            double cpu = (simulator.cpuSeconds() - cpuBefore) / 30 * 100;
            System.out.printf("simulator, %d sites at speed 60: %d/%d births seen in %d ms; steady: CPU %.1f %% of one "
                    + "core (2 cores = 200 %%), RSS %.0f MiB, %d threads%n",
                    sites, born.size(), sites, allBorn, cpu, simulator.rssMiB(), simulator.threads());
        }
        for (String siteId : born) {
            watcher.publish("maillage/v1/site/" + siteId + "/state", new byte[0], 1, true).waitForCompletion(10_000);
        }
        watcher.disconnect().waitForCompletion(10_000);
        watcher.close();
    }
}
