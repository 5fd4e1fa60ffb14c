package fr.maillage.agent.bench;

import fr.maillage.agent.Sites;
import fr.maillage.agent.broker.RestartableBroker;
import fr.maillage.servers.LocalServers;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Prints the agent's numbers; asserts nothing. Needs the shaded jar (package first). Run with
 * {@code ./mvnw -B -pl device-agent -Pbench verify}. The idle agent and the throughput run use the JVM options
 * and environment of {@code deploy/agent/maillage-agent.service} ({@link ServiceUnit}) and the broker of
 * {@code MAILLAGE_MQTT_URI} (or an embedded one); the simulator runs against a Mosquitto of its own (or an
 * embedded HiveMQ), so that thousands of connections do not load a shared broker.
 * System properties: {@code bench.idleSeconds} (60), {@code bench.events} (3000), {@code bench.sites}
 * ("100,250,500"), {@code bench.window} (75, seconds of steady state per simulator size); 0 or an empty list
 * skips a part.
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
        ServiceUnit unit = ServiceUnit.read();
        System.out.printf("%nbroker %s, %d cores, java %s, load average %s%nunit options: %s %s%n", broker,
                Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverage(), unit.environment(),
                String.join(" ", unit.jvmOptions()));
        int idleSeconds = Integer.getInteger("bench.idleSeconds", 60);
        if (idleSeconds > 0) {
            idle(java, unit, broker, work, idleSeconds);
        }
        int events = Integer.getInteger("bench.events", 3000);
        if (events > 0) {
            throughput(java, unit, broker, work, events);
        }
        List<String> sizes = Arrays.stream(System.getProperty("bench.sites", "100,250,500").split(","))
                .map(String::trim)
                .filter(size -> !size.isEmpty())
                .toList();
        if (!sizes.isEmpty()) {
            try (RestartableBroker own = RestartableBroker.start(work.resolve("broker"))) {
                System.out.printf("simulator broker: %s%n", own.name());
                for (String sites : sizes) {
                    simulator(java, own.uri(), work, Integer.parseInt(sites));
                }
            }
        }
    }

    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    /**
     * Start-up time, then RSS and CPU of one idle agent, with the systemd unit's options. A first run writes the
     * class-data archive (as the first service start does when it stops); the measured run maps it.
     */
    private static void idle(String java, ServiceUnit unit, String broker, Path work, int seconds) throws Exception {
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
        List<String> command = new ArrayList<>();
        command.add(java);
        unit.jvmOptions().stream().map(o -> o.replace("/var/lib/maillage-agent/", work + "/")).forEach(command::add);
        command.addAll(List.of("-jar", JAR.toString(), "run", "--config", config.toString()));
        for (String run : List.of("first start (no class-data archive yet)", "next start")) {
            try (ChildProcess agent = new ChildProcess(command, unit.environment())) {
                long connected =
                        agent.awaitLines(l -> l.contains("connected [site: " + siteId), 1, Duration.ofSeconds(120));
                long formReady = agent.awaitLines(l -> l.contains("session form ready"), 1, Duration.ofSeconds(60));
                System.out.printf("idle agent, %s: start-up to broker connected %d ms, to form ready %d ms%n",
                        run, connected, formReady);
                if (run.startsWith("first")) {
                    continue;
                }
                Thread.sleep(10_000);
                double cpuBefore = agent.cpuSeconds();
                Thread.sleep(seconds * 1000L);
                double cpu = (agent.cpuSeconds() - cpuBefore) / seconds * 100;
                double rss = agent.rssMiB();
                System.out.printf("idle agent (unit options, -Xmx32m), after %d s idle: RSS %.1f MiB (%.1f MB), "
                                + "of which file-backed %.1f MiB; CPU %.2f %% of one core; %d threads%n",
                        seconds, rss, rss * 1.048576, agent.rssFileMiB(), cpu, agent.threads());
            }
        }
    }

    /** Durable writes (fsync each) and write + PUBACK + removal, in a JVM with the unit's options. */
    private static void throughput(String java, ServiceUnit unit, String broker, Path work, int events)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java);
        // The class-data archive belongs to the jar; this run uses the test class path.
        unit.jvmOptions().stream().filter(o -> !o.contains("SharedArchive")).forEach(command::add);
        command.addAll(List.of("-cp", testClassPath(), ThroughputRun.class.getName(), broker,
                work.resolve("throughput-data").toString(), Integer.toString(events)));
        try (ChildProcess run = new ChildProcess(command, unit.environment())) {
            run.awaitExit(Duration.ofMinutes(10));
            List<String> result = run.lines().stream().filter(l -> l.startsWith("THROUGHPUT ")).toList();
            if (result.isEmpty()) {
                throw new IllegalStateException("the throughput run printed no result: " + run.lines());
            }
            result.forEach(l -> System.out.println(
                    "outbox (unit options), one recording thread, " + l.substring("THROUGHPUT ".length())));
        }
    }

    /** The test class path: exec:java runs this class in Maven's JVM, from a class loader of its own. */
    private static String testClassPath() throws Exception {
        if (AgentBenchmark.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                entries.add(Path.of(url.toURI()).toString());
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /**
     * One simulator process with {@code sites} virtual sites: how long until every birth arrived, then over a
     * steady window CPU (of the 2 cores), memory, and whether every site's heartbeat kept its period (a status
     * at least every heartbeat + one probe interval, i.e. 65 s).
     */
    private static void simulator(String java, String broker, Path work, int sites) throws Exception {
        Set<String> born = ConcurrentHashMap.newKeySet();
        Map<String, List<Long>> statusNanos = new ConcurrentHashMap<>();
        MqttAsyncClient watcher = new MqttAsyncClient(broker, "bench-watch-" + UUID.randomUUID(), new MemoryPersistence());
        watcher.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        IMqttMessageListener births = (topic, message) -> {
            String siteId = topic.split("/")[3];
            if (!message.isRetained() && SIMULATED_ID.matcher(siteId).matches()
                    && new String(message.getPayload(), StandardCharsets.UTF_8).contains("\"ONLINE\"")) {
                born.add(siteId);
            }
        };
        IMqttMessageListener statuses = (topic, message) -> statusNanos
                .computeIfAbsent(topic.split("/")[3], id -> new CopyOnWriteArrayList<>())
                .add(System.nanoTime());
        watcher.subscribe(new MqttSubscription[] {
                    new MqttSubscription("maillage/v1/site/+/state", 1), new MqttSubscription("maillage/v1/site/+/status", 0)
                }, null, null, new IMqttMessageListener[] {births, statuses}, new MqttProperties())
                .waitForCompletion(10_000);
        born.clear();
        long seed = System.nanoTime();
        int heapMiB = Math.max(512, sites / 2);
        List<String> command = new ArrayList<>(Arrays.asList(java, "-Xmx" + heapMiB + "m", "-XX:+UseSerialGC",
                "-jar", JAR.toString(), "simulate", "--sites", Integer.toString(sites), "--speed", "60",
                "--seed", Long.toString(seed), "--broker", broker, "--work-dir", work.resolve("sim-" + sites).toString()));
        int window = Integer.getInteger("bench.window", 75);
        try (ChildProcess simulator = new ChildProcess(command, Map.of("MALLOC_ARENA_MAX", "2"))) {
            long started = System.nanoTime();
            long deadline = started + Duration.ofMinutes(10).toNanos();
            while (born.size() < sites && System.nanoTime() < deadline && simulator.isAlive()) {
                Thread.sleep(100);
            }
            long allBorn = (System.nanoTime() - started) / 1_000_000;
            Thread.sleep(10_000);
            double cpuBefore = simulator.cpuSeconds();
            long windowStart = System.nanoTime();
            Thread.sleep(window * 1000L);
            long windowEnd = System.nanoTime();
            double cpu = (simulator.cpuSeconds() - cpuBefore) / window * 100;
            long late = born.stream().filter(id -> longestGap(statusNanos.get(id), windowStart, windowEnd)
                            > Duration.ofSeconds(65).toNanos()).count();
            System.out.printf("simulator, %d sites at speed 60 (-Xmx%dm): %d/%d births in %d ms; steady %d s: CPU "
                            + "%.1f %% of one core (%.0f %% of the 2 cores), RSS %.0f MiB, %d threads, heartbeats late "
                            + "(> 65 s apart): %d of %d sites; load average %s%n",
                    sites, heapMiB, born.size(), sites, allBorn, window, cpu, cpu / 2, simulator.rssMiB(),
                    simulator.threads(), late, born.size(), loadAverage());
        }
        for (String siteId : born) {
            watcher.publish("maillage/v1/site/" + siteId + "/state", new byte[0], 1, true).waitForCompletion(10_000);
        }
        watcher.disconnect().waitForCompletion(10_000);
        watcher.close();
    }

    /** The longest silence of one site within the window, its edges included. */
    private static long longestGap(List<Long> arrivals, long from, long to) {
        long previous = from;
        long longest = 0;
        for (long at : arrivals == null ? List.<Long>of() : arrivals) {
            if (at > from && at <= to) {
                longest = Math.max(longest, at - previous);
                previous = at;
            }
        }
        return Math.max(longest, to - previous);
    }
}
