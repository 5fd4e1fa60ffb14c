package fr.maillage.bench;

import fr.maillage.Application;
import fr.maillage.contract.Channel;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteMessage;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.StatusMessage;
import fr.maillage.contract.WireCodec;
import fr.maillage.encounter.EncounterConformance;
import fr.maillage.encounter.EncounterMapper;
import fr.maillage.ingest.IngestMetrics;
import fr.maillage.servers.LocalServers;
import fr.maillage.support.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hl7.fhir.r4.model.Encounter;

/**
 * End-to-end ingest throughput through the real broker into PostgreSQL, and the cost of validating an
 * Encounter. Prints numbers; asserts nothing. Run with {@code ./mvnw -pl backend -Pbench verify} (servers as in
 * the tests: MAILLAGE_DB_URL / MAILLAGE_MQTT_URI, else embedded).
 *
 * <p>The publisher keeps at most {@link #WINDOW} messages ahead of what the backend committed, so the number is
 * what the backend sustains, not how fast a broker queue fills (Mosquitto's default configuration drops QoS 1
 * messages beyond 1,000 queued for a subscriber).
 */
public final class IngestBenchmark {

    private static final int WINDOW = 400;
    private static final int SITES = 200;

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int statuses = Integer.getInteger("bench.statuses", 20_000);
        int sessions = Integer.getInteger("bench.sessions", 3_000);
        LocalServers servers = LocalServers.forTests();
        String database = servers.createTestDatabase("maillage_bench");
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ApplicationContext app = Micronaut.build(args)
                .mainClass(Application.class)
                .properties(Map.of(
                        "datasources.default.url", database,
                        "datasources.default.username", servers.postgres().user(),
                        "datasources.default.password", servers.postgres().password(),
                        "maillage.ingest.broker-uri", servers.mqttUri(),
                        "maillage.ingest.client-id", "maillage-bench-" + run,
                        "maillage.ingest.shared-group", "bench-" + run,
                        "maillage.territory.import-on-startup", "false",
                        "micronaut.server.port", "-1",
                        "maillage.jwt.secret", Tokens.SECRET))
                .start()) {
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            validation(app);
            var codec = new WireCodec();
            var publisher = new MqttAsyncClient(servers.mqttUri(), "bench-publisher-" + run, new MemoryPersistence());
            var options = new MqttConnectionOptions();
            options.setReceiveMaximum(1000);
            publisher.connect(options).waitForCompletion(10_000);
            Thread.sleep(2_000);

            String[] sites = new String[SITES];
            for (int i = 0; i < SITES; i++) {
                sites[i] = "bench-" + run + "-" + i;
            }
            print("status", run(publisher, codec, meters, Channel.STATUS, statuses, n -> status(sites, n)));
            print("session", run(publisher, codec, meters, Channel.SESSION, sessions, n -> session(sites, n)));
            publisher.disconnect().waitForCompletion(5_000);
            publisher.close();
        }
    }

    /** Mean cost of validating one mapped Encounter against the profile, after warm-up. */
    private static void validation(ApplicationContext app) {
        var conformance = app.getBean(EncounterConformance.class);
        var mapper = app.getBean(EncounterMapper.class);
        String[] sites = {"bench-validation"};
        for (int round = 0; round < 2; round++) {
            int n = round == 0 ? 200 : 1_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                SessionEvent event = session(sites, i);
                Encounter encounter = mapper.create(event);
                mapper.apply(encounter, event, Instant.now());
                encounter.getMeta().setVersionId("1");
                conformance.errors(encounter);
            }
            if (round == 1) {
                System.out.printf("%nvalidation: %d Encounters, %.2f ms each%n", n,
                        (System.nanoTime() - start) / 1e6 / n);
            }
        }
    }

    /** Publishes {@code count} messages, at most {@link #WINDOW} ahead of the commits, and waits for the last. */
    private static Result run(MqttAsyncClient publisher, WireCodec codec, MeterRegistry meters, Channel channel,
            int count, IntFunction<SiteMessage> message) throws Exception {
        double before = committed(meters, channel);
        Timer timer = meters.find(IngestMetrics.PROCESSING).tag("channel", channel.name().toLowerCase()).timer();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            while (i - (committed(meters, channel) - before) > WINDOW) {
                Thread.sleep(1);
            }
            SiteMessage m = message.apply(i);
            publisher.publish(new SiteTopic(m.siteId(), channel).topic(), new MqttMessage(codec.encode(m), 1, false,
                    null));
        }
        while (committed(meters, channel) - before < count) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        timer = meters.find(IngestMetrics.PROCESSING).tag("channel", channel.name().toLowerCase()).timer();
        var percentiles = timer.takeSnapshot().percentileValues();
        return new Result(count, seconds, timer.mean(TimeUnit.MILLISECONDS), percentiles.length == 0 ? -1
                : percentiles[percentiles.length - 1].value(TimeUnit.MILLISECONDS));
    }

    private record Result(int count, double seconds, double meanMs, double p99Ms) {}

    private static void print(String kind, Result r) {
        System.out.printf("%-8s %7d messages in %6.1f s = %8.0f msg/s   receive-to-commit mean %.1f ms%n",
                kind, r.count(), r.seconds(), r.count() / r.seconds(), r.meanMs());
    }

    private static double committed(MeterRegistry meters, Channel channel) {
        return meters.find(IngestMetrics.MESSAGES).tag("channel", channel.name().toLowerCase()).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static StatusMessage status(String[] sites, int n) {
        String site = sites[n % sites.length];
        return new StatusMessage(1, UUID.randomUUID(), site, Instant.now(), 1, n + 1, 60, List.of(
                new ProbeReading("link", DeviceKind.NETWORK_LINK, Health.OK, null, Map.of("latencyMs", 40.0 + n % 9)),
                new ProbeReading("otoscope", DeviceKind.OTOSCOPE, Health.OK, null, Map.of()),
                new ProbeReading("camera", DeviceKind.CAMERA, Health.OK, null, Map.of())));
    }

    private static SessionEvent session(String[] sites, int n) {
        Instant start = Instant.parse("2026-11-02T08:00:00Z").plus(Duration.ofMinutes(n));
        return new SessionEvent(1, UUID.randomUUID(), sites[n % sites.length], start.plusSeconds(1200), 1, n + 1,
                UUID.randomUUID(), SessionEvent.Type.COMPLETED, new SessionDetails(start, start.plusSeconds(900),
                        SessionDetails.ProfessionalRole.PHARMACIST, SessionDetails.PhysicianSpecialty.GENERAL_PRACTICE,
                        SessionDetails.RecourseReason.values()[n % SessionDetails.RecourseReason.values().length],
                        new PatientProfile(PatientProfile.AgeBand.AGE_60_74, PatientProfile.Sex.FEMALE, "55545",
                                n % 3 == 0),
                        List.of(DeviceKind.STETHOSCOPE), SessionDetails.Outcome.PRESCRIPTION, 9));
    }
}
