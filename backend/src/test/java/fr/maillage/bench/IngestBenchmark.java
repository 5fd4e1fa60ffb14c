package fr.maillage.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteMessage;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.WireCodec;
import fr.maillage.encounter.EncounterConformance;
import fr.maillage.encounter.EncounterMapper;
import fr.maillage.fhir.MaillageValidationSupport;
import fr.maillage.ingest.BackendProcess;
import fr.maillage.ingest.OwnBroker;
import fr.maillage.ingest.SiteEvents;
import fr.maillage.security.Roles;
import fr.maillage.servers.LocalServers;
import fr.maillage.support.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hl7.fhir.r4.model.Encounter;

/**
 * End-to-end ingest through the real broker into PostgreSQL, with one and with two backend instances (each a JVM
 * of its own, sharing the subscription): sustained status messages/s and Encounters/s, then publish-to-commit
 * latency at half that load; and the cost of validating an Encounter against the profile, warm. Prints a table,
 * writes {@code target/bench/ingest.csv}, asserts nothing.
 *
 * <p>{@code ./mvnw -pl backend -am -Pbench verify -DskipTests} (servers as in the tests: MAILLAGE_DB_URL, else
 * embedded; the broker is a Mosquitto started here with the production limits, else MAILLAGE_MQTT_URI). Sizes:
 * {@code -Dbench.statuses}, {@code -Dbench.sessions}, {@code -Dbench.latency-seconds}, {@code -Dbench.instances}.
 *
 * <p>Publishers keep at most {@link #WINDOW} messages ahead of what the backends committed, so a rate is what the
 * backends sustain, not how fast a broker queue fills. Latency is the age at commit of messages stamped with the
 * publish instant ({@code occurredAt}, same clock), read from the backends' histogram: its buckets bound the error
 * (about ±10 % of the value).
 */
public final class IngestBenchmark {

    private static final int WINDOW = 20_000;
    private static final int SITES = 2_000;
    private static final int PUBLISHERS = 4;
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final int PAHO_MAX_INFLIGHT = 32202;

    private final LocalServers servers = LocalServers.forTests();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final WireCodec codec = new WireCodec();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = Tokens.token("bench", Roles.METRICS, null, null);
    private final List<String[]> rows = new ArrayList<>();
    private final Path dir;
    private String brokerUri;
    private List<BackendProcess> backends = List.of();
    private final AtomicLong seq = new AtomicLong();

    private IngestBenchmark(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        new IngestBenchmark(dir).run();
    }

    private void run() throws Exception {
        int statuses = Integer.getInteger("bench.statuses", 60_000);
        int sessions = Integer.getInteger("bench.sessions", 20_000);
        int latencySeconds = Integer.getInteger("bench.latency-seconds", 20);
        String instances = System.getProperty("bench.instances", "1,2");
        validation();
        OwnBroker broker = OwnBroker.installed() ? OwnBroker.start(dir) : null;
        brokerUri = broker != null ? broker.uri() : servers.mqttUri();
        row("setup", "broker", broker != null ? "own mosquitto, production limits" : brokerUri, "");
        row("setup", "load average before", loadAverage(), "1/5/15 min");
        try {
            for (String count : instances.split(",")) {
                measure(Integer.parseInt(count.trim()), statuses, sessions, latencySeconds);
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        row("setup", "load average after", loadAverage(), "1/5/15 min");
        print();
    }

    /** Validating a mapped Encounter: HAPI's validator alone, warm; then through the cache of conforming shapes. */
    private void validation() {
        FhirContext fhir = FhirContext.forR4();
        FhirValidator validator = MaillageValidationSupport.newValidator(fhir);
        var mapper = new EncounterMapper();
        long coldStart = System.nanoTime();
        validator.validateWithResult(encounter(mapper, 0));
        row("validation", "first Encounter (cold)", ms(System.nanoTime() - coldStart), "ms");
        for (int i = 1; i < 300; i++) {
            validator.validateWithResult(encounter(mapper, i));
        }
        int n = 1_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            validator.validateWithResult(encounter(mapper, i));
        }
        row("validation", "HAPI validator, warm", ms((System.nanoTime() - start) / n), "ms/Encounter");

        var conformance = new EncounterConformance(fhir);
        for (int i = 0; i < n; i++) {
            conformance.errors(encounter(mapper, i));
        }
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            conformance.errors(encounter(mapper, i));
        }
        row("validation", "conformance with shape cache, warm", ms((System.nanoTime() - start) / n),
                "ms/Encounter (cache hit)");
    }

    private static Encounter encounter(EncounterMapper mapper, int variant) {
        SessionEvent event = SiteEvents.completed("bench-validation", UUID.randomUUID(), 1, variant);
        Encounter encounter = mapper.create(event);
        mapper.apply(encounter, event, Instant.now());
        encounter.getMeta().setVersionId("1");
        return encounter;
    }

    private void measure(int instanceCount, int statuses, int sessions, int latencySeconds) throws Exception {
        String configuration = instanceCount + (instanceCount == 1 ? " backend" : " backends");
        String database = servers.createTestDatabase("maillage_bench");
        String group = "bench-" + run + "-" + instanceCount;
        List<BackendProcess> started = new ArrayList<>();
        for (int i = 0; i < instanceCount; i++) {
            started.add(backend(database, group, i));
        }
        for (BackendProcess backend : started) {
            backend.awaitReady();
        }
        backends = started;
        List<MqttAsyncClient> publishers = publishers();
        try {
            flood(publishers, "status", 10_000, this::status);
            flood(publishers, "session", 4_000, this::session);

            double statusRate = flood(publishers, "status", statuses, this::status);
            row(configuration, "status sustained", String.format(Locale.ROOT, "%.0f", statusRate), "msg/s");
            double sessionRate = flood(publishers, "session", sessions, this::session);
            row(configuration, "Encounters sustained", String.format(Locale.ROOT, "%.0f", sessionRate),
                    "Encounters/s");

            latency(publishers, configuration, "status", statusRate / 2, latencySeconds, this::status);
            latency(publishers, configuration, "session", sessionRate / 2, latencySeconds, this::session);
        } finally {
            for (MqttAsyncClient publisher : publishers) {
                publisher.disconnect().waitForCompletion(5_000);
                publisher.close();
            }
            for (BackendProcess backend : started) {
                backend.close();
            }
        }
    }

    private BackendProcess backend(String database, String group, int index) throws IOException {
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", database);
        properties.put("datasources.default.username", servers.postgres().user());
        properties.put("datasources.default.password", servers.postgres().password());
        properties.put("maillage.ingest.broker-uri", brokerUri);
        properties.put("maillage.ingest.client-id", group + "-" + index);
        properties.put("maillage.ingest.shared-group", group);
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("maillage.jwt.secret", Tokens.SECRET);
        properties.put("logger.levels.fr.maillage", "WARN");
        return BackendProcess.start(group + "-" + index, properties, dir, List.of("-Xmx1g"));
    }

    private List<MqttAsyncClient> publishers() throws MqttException {
        List<MqttAsyncClient> publishers = new ArrayList<>();
        for (int i = 0; i < PUBLISHERS; i++) {
            var client = new MqttAsyncClient(brokerUri, "bench-sites-" + run + "-" + i + "-" + System.nanoTime(),
                    new MemoryPersistence());
            var options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(10_000);
            publishers.add(client);
        }
        return publishers;
    }

    private SiteMessage status(long n) {
        String site = site(n);
        return SiteEvents.status(site, seq.incrementAndGet());
    }

    private SiteMessage session(long n) {
        return SiteEvents.completed(site(n), UUID.randomUUID(), seq.incrementAndGet(), (int) n);
    }

    private String site(long n) {
        return "bench-" + run + "-" + n % SITES;
    }

    /**
     * Publishes {@code count} messages from every publisher at once, at most {@link #WINDOW} ahead of the commits.
     *
     * @return messages per second, from the first publish to the last commit
     */
    private double flood(List<MqttAsyncClient> publishers, String channel, int count, LongFunction<SiteMessage> next)
            throws Exception {
        double before = settled(channel);
        var committed = new AtomicLong();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        poller.scheduleWithFixedDelay(() -> committed.set((long) (settled(channel) - before)), 0, 50,
                TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        try {
            publish(publishers, count, n -> {
                while (n - committed.get() > WINDOW) {
                    LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                }
                return next.apply(n);
            });
        } finally {
            poller.shutdownNow();
        }
        awaitSettled(channel, before + count);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Publishes at {@code rate} for {@code seconds}, then reads the age at commit of what it published. */
    private void latency(List<MqttAsyncClient> publishers, String configuration, String channel, double rate,
            int seconds, LongFunction<SiteMessage> next) throws Exception {
        Scrape before = scrape();
        double settledBefore = before.committed(channel) + before.settledAside();
        int count = (int) (rate * seconds);
        long start = System.nanoTime();
        double nanosPerMessage = 1e9 / rate;
        publish(publishers, count, n -> {
            long due = start + (long) (n * nanosPerMessage);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            return next.apply(n);
        });
        awaitSettled(channel, settledBefore + count);
        Scrape after = scrape();
        TreeMap<Double, Double> from = before.ageBuckets(channel);
        TreeMap<Double, Double> to = after.ageBuckets(channel);
        String load = String.format(Locale.ROOT, "at %.0f msg/s", rate);
        row(configuration, channel + " publish→commit p50 " + load,
                String.format(Locale.ROOT, "%.1f", Scrape.quantileMs(from, to, 0.50)), "ms");
        row(configuration, channel + " publish→commit p99 " + load,
                String.format(Locale.ROOT, "%.1f", Scrape.quantileMs(from, to, 0.99)), "ms");
    }

    /** Messages 0..count-1 split over the publishers, message n by publisher n % publishers (so a site keeps one). */
    private void publish(List<MqttAsyncClient> publishers, int count, LongFunction<SiteMessage> next)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(publishers.size());
        List<Future<Void>> done = new ArrayList<>();
        for (int p = 0; p < publishers.size(); p++) {
            int publisher = p;
            done.add(threads.submit(() -> {
                MqttAsyncClient client = publishers.get(publisher);
                for (long n = publisher; n < count; n += publishers.size()) {
                    SiteMessage message = next.apply(n);
                    send(client, new SiteTopic(message.siteId(), message.channel()).topic(), codec.encode(message));
                }
                return null;
            }));
        }
        for (Future<Void> future : done) {
            future.get();
        }
        threads.shutdown();
    }

    /** QoS 1; Paho refuses a publish while the broker's receive-maximum window is full: wait for a slot. */
    private static void send(MqttAsyncClient client, String topic, byte[] payload) throws MqttException {
        while (true) {
            try {
                client.publish(topic, new MqttMessage(payload, 1, false, null));
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != PAHO_MAX_INFLIGHT) {
                    throw e;
                }
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
        }
    }

    private double settled(String channel) {
        Scrape scrape = scrape();
        return scrape.committed(channel) + scrape.settledAside();
    }

    /** Waits until {@code target} messages are settled; gives up if nothing moves for {@link #STALL}. */
    private void awaitSettled(String channel, double target) {
        double last = -1;
        long lastMove = System.nanoTime();
        while (true) {
            double now = settled(channel);
            if (now >= target) {
                return;
            }
            if (now != last) {
                last = now;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > STALL.toNanos()) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s: stalled at %.0f of %.0f settled messages for %s, see %s", channel, now, target, STALL, dir));
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private Scrape scrape() {
        List<String> bodies = new ArrayList<>();
        for (BackendProcess backend : backends) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + backend.port() + "/prometheus"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                bodies.add(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the metrics of a backend", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return Scrape.parse(bodies);
    }

    /** Records a result and prints it at once: on a slow machine the last rows may come much later. */
    private void row(String configuration, String measure, String value, String unit) {
        String[] row = {configuration, measure, value, unit};
        rows.add(row);
        System.out.printf(Locale.ROOT, "bench: %-12s %-50s %14s  %s%n", (Object[]) row);
    }

    private void print() throws IOException {
        var table = new StringBuilder(String.format(Locale.ROOT, "%n%-12s %-50s %14s  %s%n",
                "setup", "measure", "value", "unit"));
        var csv = new StringBuilder("configuration,measure,value,unit\n");
        for (String[] row : rows) {
            table.append(String.format(Locale.ROOT, "%-12s %-50s %14s  %s%n", (Object[]) row));
            csv.append(String.join(",", List.of(row).stream().map(v -> '"' + v.replace("\"", "\"\"") + '"').toList()))
                    .append('\n');
        }
        System.out.print(table);
        Path file = dir.resolve("ingest.csv");
        Files.writeString(file, csv);
        System.out.println("written to " + file.toAbsolutePath());
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }
}
