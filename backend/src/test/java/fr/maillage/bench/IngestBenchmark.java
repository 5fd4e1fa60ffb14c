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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.function.LongPredicate;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hl7.fhir.r4.model.Encounter;

/**
 * End-to-end ingest: sites publish through a real Mosquitto, backends (each a JVM of its own, sharing the
 * subscription) commit to PostgreSQL. For 1 and then 2 instances: sustained status messages/s and Encounters/s,
 * then publish-to-commit latency at half of each; and the cost of validating an Encounter, warm. Every phase is
 * time-boxed, so the run ends in a known time whatever the machine does. Prints a table, writes
 * {@code target/bench/ingest.csv}, asserts nothing.
 *
 * <p>{@code ./mvnw -pl backend -am -Pbench verify -DskipTests -Dagent.bench.skip=true} (servers as in the tests:
 * MAILLAGE_DB_URL, else embedded). Settings are system properties (or {@code key=value} arguments), see
 * {@link Settings}.
 *
 * <p>Sustained: publishers keep at most {@code bench.window} messages ahead of what the backends committed, for
 * {@code bench.seconds}; the rate is what was committed after a ramp-up, divided by the time, so it is what the
 * backends sustain, not how fast a broker queue fills. Latency: messages published at a fixed rate for
 * {@code bench.latency-seconds}, each stamped with its publish instant ({@code occurredAt}, same clock); its age at
 * commit is read from the backends' histogram, whose buckets bound the error (about ±10 % of the value).
 */
public final class IngestBenchmark {

    /** Simulated sites; a multiple of {@link #PUBLISHERS}, so that each site publishes through one client. */
    private static final int SITES = 2_000;
    private static final int PUBLISHERS = 4;
    /**
     * How often progress is read from the backends' {@code /prometheus}. Rendering it costs a backend CPU (its
     * percentile histograms are large): reading every 50 ms took a quarter of what the ingest itself used.
     */
    private static final Duration POLL = Duration.ofMillis(250);
    /** Excluded from a sustained rate: backends and broker get to their pace. */
    private static final Duration RAMP = Duration.ofSeconds(3);
    private static final int PAHO_MAX_INFLIGHT = 32202;

    /**
     * What to run, from system properties.
     *
     * @param seconds {@code bench.seconds}: each sustained phase (status, sessions)
     * @param latencySeconds {@code bench.latency-seconds}: each latency phase
     * @param warmUpSeconds {@code bench.warmup-seconds}: at most, per configuration, to warm the JIT and the
     *     shape cache of every instance
     * @param drainSeconds {@code bench.drain-seconds}: at most, after a phase, for what is still queued
     * @param instances {@code bench.instances}: configurations, ascending ({@code 1,2}); instances are added, the
     *     first keeps running
     * @param shapes {@code bench.shapes}: distinct coded contents of the sessions (at most 1,120 with
     *     {@link SiteEvents#completed})
     * @param window {@code bench.window}: published and not yet committed, at most
     * @param broker {@code bench.broker}: {@code own} (a Mosquitto started here with deploy/'s limits) or a broker
     *     URI such as {@code tcp://127.0.0.1:1883}
     * @param backendJvm {@code bench.backend-jvm}: JVM options of the backends, space-separated (heap, JFR…)
     * @param validation {@code bench.validation}: whether to time the validator alone first
     */
    record Settings(
            int seconds,
            int latencySeconds,
            int warmUpSeconds,
            int drainSeconds,
            List<Integer> instances,
            int shapes,
            int window,
            String broker,
            List<String> backendJvm,
            boolean validation) {

        static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("bench.seconds", 30),
                    Integer.getInteger("bench.latency-seconds", 20),
                    Integer.getInteger("bench.warmup-seconds", 40),
                    Integer.getInteger("bench.drain-seconds", 10),
                    Arrays.stream(System.getProperty("bench.instances", "1,2").split(","))
                            .map(String::trim).map(Integer::parseInt).sorted().toList(),
                    Integer.getInteger("bench.shapes", 120),
                    Integer.getInteger("bench.window", 5_000),
                    System.getProperty("bench.broker", "own"),
                    Arrays.stream(System.getProperty("bench.backend-jvm", "-Xmx1g").trim().split("\\s+"))
                            .filter(s -> !s.isEmpty()).toList(),
                    Boolean.parseBoolean(System.getProperty("bench.validation", "true")));
        }

        /** The longest the measuring can take, start-ups of backends aside. */
        Duration bound() {
            int perConfiguration = warmUpSeconds + 2 * (seconds + drainSeconds) + 2 * (latencySeconds + drainSeconds);
            return Duration.ofSeconds((long) perConfiguration * instances.size() + (validation ? 20 : 0));
        }
    }

    private final Settings settings;
    private final LocalServers servers = LocalServers.forTests();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final WireCodec codec = new WireCodec();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = Tokens.token("bench", Roles.METRICS, null, null);
    private final List<String[]> rows = new ArrayList<>();
    private final Path dir;
    private final AtomicLong seq = new AtomicLong();
    private String brokerUri;
    private long brokerPid;
    private final List<BackendProcess> backends = new ArrayList<>();

    private IngestBenchmark(Settings settings, Path dir) {
        this.settings = settings;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals > 0) {
                System.setProperty(arg.startsWith("bench.") ? arg.substring(0, equals) : "bench." + arg.substring(0,
                        equals), arg.substring(equals + 1));
            }
        }
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        int status = 0;
        try {
            new IngestBenchmark(Settings.fromSystemProperties(), dir).run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // Paho and HTTP client threads must not keep the JVM; the shutdown hook drops the benchmark's databases.
        System.exit(status);
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "bench: %s; measuring takes at most %s plus back-end start-ups%n", settings,
                settings.bound());
        row("setup", "load average before", loadAverage(), "1/5/15 min");
        if (settings.validation()) {
            validation();
        }
        OwnBroker broker = settings.broker().equals("own") && OwnBroker.installed() ? OwnBroker.start(dir) : null;
        brokerUri = broker != null ? broker.uri() : settings.broker().equals("own") ? servers.mqttUri()
                : settings.broker();
        brokerPid = broker != null ? broker.pid() : 0;
        row("setup", "broker", broker != null ? "own mosquitto, deploy/ limits (inflight 1000, queue 200000)"
                : brokerUri, "");
        String database = servers.createTestDatabase("maillage_bench");
        String group = "bench-" + run;
        List<MqttAsyncClient> publishers = publishers();
        try {
            for (int count : settings.instances()) {
                String configuration = count + (count == 1 ? " backend" : " backends");
                long start = System.nanoTime();
                List<BackendProcess> added = new ArrayList<>();
                while (backends.size() + added.size() < count) {
                    added.add(backend(database, group, backends.size() + added.size()));
                }
                for (BackendProcess backend : added) {
                    backend.awaitReady();
                }
                backends.addAll(added);
                if (!added.isEmpty()) {
                    row(configuration, "start-up of " + added.size() + " instance(s)", seconds(start), "s");
                }
                measure(configuration, publishers);
                check(configuration, database);
            }
        } finally {
            for (MqttAsyncClient publisher : publishers) {
                publisher.disconnectForcibly(1_000);
                publisher.close(true);
            }
            for (BackendProcess backend : backends) {
                backend.close();
            }
            if (broker != null) {
                broker.close();
            }
            row("setup", "load average after", loadAverage(), "1/5/15 min");
            print();
        }
    }

    /** Validating a mapped Encounter: HAPI's validator alone, warm; then through the cache of conforming shapes. */
    private void validation() {
        FhirContext fhir = FhirContext.forR4();
        FhirValidator validator = MaillageValidationSupport.newValidator(fhir);
        var mapper = new EncounterMapper();
        long coldStart = System.nanoTime();
        validator.validateWithResult(encounter(mapper, 0));
        row("validation", "first Encounter (cold)", ms(System.nanoTime() - coldStart), "ms");
        // Time-boxed: warm for 5 s, then time at most 1,000 for at most 5 s.
        long warmUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (int i = 1; System.nanoTime() < warmUntil; i++) {
            validator.validateWithResult(encounter(mapper, i));
        }
        long start = System.nanoTime();
        long until = start + Duration.ofSeconds(5).toNanos();
        int n = 0;
        while (n < 1_000 && System.nanoTime() < until) {
            validator.validateWithResult(encounter(mapper, n++));
        }
        row("validation", "HAPI validator, warm", ms((System.nanoTime() - start) / n), "ms/Encounter");

        var conformance = new EncounterConformance(fhir);
        int shapes = settings.shapes();
        for (int i = 0; i < shapes; i++) {
            conformance.errors(encounter(mapper, i));
        }
        n = 5_000;
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            conformance.errors(encounter(mapper, i % shapes));
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

    private void measure(String configuration, List<MqttAsyncClient> publishers) throws Exception {
        warmUp(configuration, publishers);
        double validationsBefore = scrape().validations();

        double statusRate = sustained(configuration, publishers, "status", this::status);
        double sessionRate = sustained(configuration, publishers, "session", this::session);
        latency(configuration, publishers, "status", statusRate / 2, this::status);
        latency(configuration, publishers, "session", sessionRate / 2, this::session);

        row(configuration, "Encounters validated in full while measuring",
                String.format(Locale.ROOT, "%.0f", scrape().validations() - validationsBefore),
                "(shape cache misses)");
    }

    /**
     * Warms every instance: the status path for a few seconds, then rounds of every session shape until a round
     * needs no validation (each instance has them all in its cache), all within {@code bench.warmup-seconds}.
     */
    private void warmUp(String configuration, List<MqttAsyncClient> publishers) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(settings.warmUpSeconds()).toNanos();
        long statusUntil = Math.min(deadline, start + Duration.ofSeconds(5).toNanos());
        drain("status", windowed(publishers, "status", this::status, statusUntil), deadline);

        double first = scrape().validations();
        int rounds = 0;
        boolean warm = false;
        int perRound = settings.shapes() * backends.size() * 2;
        while (System.nanoTime() < deadline && !warm) {
            double before = scrape().validations();
            double settledBefore = settled("session");
            publish(publishers, perRound, this::session, n -> true);
            awaitSettled("session", settledBefore + perRound, deadline);
            rounds++;
            warm = scrape().validations() == before;
        }
        row(configuration, "warm-up", seconds(start), String.format(Locale.ROOT,
                "s; %d round(s) of %d sessions, %.0f validated in full, shape cache %s", rounds, perRound,
                scrape().validations() - first, warm ? "warm" : "NOT warm at the deadline"));
    }

    /**
     * Publishes for {@code bench.seconds}, at most {@code bench.window} ahead of the commits.
     *
     * @return messages committed per second after the ramp-up
     */
    private double sustained(String configuration, List<MqttAsyncClient> publishers, String channel,
            LongFunction<SiteMessage> next) throws Exception {
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(settings.seconds()).toNanos();
        CpuSample cpuBefore = cpu();
        double[] atRamp = new double[2];
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.schedule(() -> {
            atRamp[0] = System.nanoTime();
            atRamp[1] = settled(channel);
        }, RAMP.toMillis(), TimeUnit.MILLISECONDS);
        Future<?> measured = clock.schedule(() -> new double[] {System.nanoTime(), settled(channel)},
                Duration.ofNanos(end - start).toMillis(), TimeUnit.MILLISECONDS);
        double target = windowed(publishers, channel, next, end);
        double[] atEnd = (double[]) measured.get();
        clock.shutdown();
        CpuSample cpuAfter = cpu();
        String load = loadAverage();
        double rate = (atEnd[1] - atRamp[1]) / ((atEnd[0] - atRamp[0]) / 1e9);
        String unit = channel.equals("status") ? "status msg/s" : "Encounters/s";
        row(configuration, channel + " sustained (" + settings.seconds() + " s)",
                String.format(Locale.ROOT, "%.0f", rate), unit + "; load " + load);
        row(configuration, channel + " sustained: cores used", "", cpuAfter.since(cpuBefore));
        String left = drain(channel, target, System.nanoTime() + Duration.ofSeconds(settings.drainSeconds()).toNanos());
        if (!left.isEmpty()) {
            row(configuration, channel + " sustained: " + left, "", "");
        }
        return rate;
    }

    /**
     * Publishes until {@code end}, never more than {@code bench.window} ahead of the settled messages.
     *
     * @return how many messages of the channel will have settled once what was published is committed
     */
    private double windowed(List<MqttAsyncClient> publishers, String channel, LongFunction<SiteMessage> next,
            long end) throws Exception {
        double before = settled(channel);
        var settled = new AtomicLong();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        poller.scheduleWithFixedDelay(() -> settled.set((long) (settled(channel) - before)), 0, POLL.toMillis(),
                TimeUnit.MILLISECONDS);
        var published = new AtomicLong();
        try {
            publish(publishers, Long.MAX_VALUE, next, n -> {
                while (published.get() - settled.get() > settings.window()) {
                    if (System.nanoTime() >= end) {
                        return false;
                    }
                    LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
                }
                if (System.nanoTime() >= end) {
                    return false;
                }
                published.incrementAndGet();
                return true;
            });
        } finally {
            poller.shutdownNow();
        }
        return before + published.get();
    }

    /** Waits, until {@code deadline} at most, for {@code target} messages to settle; says what is left. */
    private String drain(String channel, double target, long deadline) {
        double left = target - awaitSettled(channel, target, deadline);
        return left > 0 ? String.format(Locale.ROOT, "%.0f not committed after the drain time", left) : "";
    }

    /** Publishes at {@code rate} for {@code bench.latency-seconds}, then reads the age at commit of what it sent. */
    private void latency(String configuration, List<MqttAsyncClient> publishers, String channel, double rate,
            LongFunction<SiteMessage> next) throws Exception {
        if (!(rate > 0)) {
            row(configuration, channel + " latency", "", "not measured: no sustained rate");
            return;
        }
        Scrape before = scrape();
        double settledBefore = before.committed(channel) + before.settledAside();
        long count = (long) (rate * settings.latencySeconds());
        long start = System.nanoTime();
        double nanosPerMessage = 1e9 / rate;
        CpuSample cpuBefore = cpu();
        publish(publishers, count, next, n -> {
            long wait = start + (long) (n * nanosPerMessage) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            return true;
        });
        CpuSample cpuAfter = cpu();
        String load = loadAverage();
        double settled = awaitSettled(channel, settledBefore + count,
                System.nanoTime() + Duration.ofSeconds(settings.drainSeconds()).toNanos());
        Scrape after = scrape();
        TreeMap<Double, Double> from = before.ageBuckets(channel);
        TreeMap<Double, Double> to = after.ageBuckets(channel);
        String at = String.format(Locale.ROOT, " at %.0f/s", rate);
        String committed = settled >= settledBefore + count ? ""
                : String.format(Locale.ROOT, "; %.0f of %d not committed within the drain time (not counted)",
                        settledBefore + count - settled, count);
        row(configuration, channel + " publish→commit p50" + at,
                String.format(Locale.ROOT, "%.1f", Scrape.quantileMs(from, to, 0.50)), "ms; load " + load + committed);
        row(configuration, channel + " publish→commit p99" + at,
                String.format(Locale.ROOT, "%.1f", Scrape.quantileMs(from, to, 0.99)), "ms");
        row(configuration, channel + " latency: cores used", "", cpuAfter.since(cpuBefore));
    }

    /**
     * Messages 0..count-1 split over the publishers, message n by publisher n % publishers (so a site keeps one);
     * each publisher stops at its first message that {@code go} refuses.
     */
    private void publish(List<MqttAsyncClient> publishers, long count, LongFunction<SiteMessage> next,
            LongPredicate go) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(publishers.size());
        List<Future<Void>> done = new ArrayList<>();
        for (int p = 0; p < publishers.size(); p++) {
            int publisher = p;
            done.add(threads.submit(() -> {
                MqttAsyncClient client = publishers.get(publisher);
                for (long n = publisher; n < count && go.test(n); n += publishers.size()) {
                    SiteMessage message = next.apply(n);
                    send(client, new SiteTopic(message.siteId(), message.channel()).topic(), codec.encode(message));
                }
                return null;
            }));
        }
        try {
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }
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

    /** Every Encounter the run committed is in the database, and nothing went to the dead letter. */
    private void check(String configuration, String database) throws SQLException {
        Scrape scrape = scrape();
        try (Connection connection = DriverManager.getConnection(database, servers.postgres().user(),
                        servers.postgres().password());
                ResultSet rs = connection.createStatement().executeQuery(
                        "SELECT (SELECT count(*) FROM encounter), (SELECT count(*) FROM dead_letter)")) {
            rs.next();
            row(configuration, "Encounters stored / session events applied (all phases so far)",
                    rs.getLong(1) + " / " + String.format(Locale.ROOT, "%.0f", scrape.sum(
                            "maillage_ingest_messages_total", "channel=\"session\"", "outcome=\"applied\"")),
                    "rows / events (the first instance's counters span the whole run)");
            row(configuration, "dead letters", Long.toString(rs.getLong(2)), "rows");
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
        properties.put("maillage.retention.enabled", "false");
        properties.put("maillage.opendata.scheduled", "false");
        properties.put("maillage.jwt.secret", Tokens.SECRET);
        properties.put("logger.levels.fr.maillage", "WARN");
        return BackendProcess.start(group + "-" + index, properties, dir, settings.backendJvm());
    }

    private List<MqttAsyncClient> publishers() throws MqttException {
        List<MqttAsyncClient> publishers = new ArrayList<>();
        for (int i = 0; i < PUBLISHERS; i++) {
            var client = new MqttAsyncClient(brokerUri, "bench-sites-" + run + "-" + i, new MemoryPersistence());
            var options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(10_000);
            publishers.add(client);
        }
        return publishers;
    }

    private SiteMessage status(long n) {
        return SiteEvents.status(site(n), seq.incrementAndGet());
    }

    /** A completed session, its coded content one of {@code bench.shapes}. */
    private SiteMessage session(long n) {
        return SiteEvents.completed(site(n), UUID.randomUUID(), seq.incrementAndGet(), (int) (n % settings.shapes()));
    }

    private String site(long n) {
        return "bench-" + run + "-" + n % SITES;
    }

    private double settled(String channel) {
        Scrape scrape = scrape();
        return scrape.committed(channel) + scrape.settledAside();
    }

    /** Waits until {@code target} messages are settled or {@code deadline}; returns how many are. */
    private double awaitSettled(String channel, double target, long deadline) {
        while (true) {
            double now = settled(channel);
            if (now >= target || System.nanoTime() >= deadline) {
                return now;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private CpuSample cpu() {
        return CpuSample.now(backends.stream().map(BackendProcess::pid).toList(), brokerPid);
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
        System.out.printf(Locale.ROOT, "bench: %-10s %-52s %10s  %s%n", (Object[]) row);
    }

    private void print() throws IOException {
        var table = new StringBuilder(String.format(Locale.ROOT, "%n%-10s %-52s %10s  %s%n",
                "setup", "measure", "value", "unit / notes"));
        var csv = new StringBuilder("configuration,measure,value,unit\n");
        for (String[] row : rows) {
            table.append(String.format(Locale.ROOT, "%-10s %-52s %10s  %s%n", (Object[]) row));
            csv.append(String.join(",", Arrays.stream(row).map(v -> '"' + v.replace("\"", "\"\"") + '"').toList()))
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

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException notLinux) {
            return "n/a";
        }
    }
}
