package fr.maillage.fleet.state;

import static org.awaitility.Awaitility.await;

import fr.maillage.contract.Channel;
import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.StateMessage;
import fr.maillage.contract.StatusMessage;
import fr.maillage.contract.WireMessage;
import fr.maillage.fleet.FleetRecorder;
import fr.maillage.fleet.Site;
import fr.maillage.fleet.SiteConnection;
import fr.maillage.fleet.SiteRepository;
import fr.maillage.fleet.SiteState;
import fr.maillage.ingest.IngestMetrics;
import fr.maillage.ingest.MessageProcessor;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measurements, not checks of behaviour (those are in {@link FleetStateIT}); they print and assert nothing. Run on
 * demand with {@code -Dfleet.bench=true}, with the backend's default fleet settings:
 *
 * <ul>
 *   <li>detection delays of a real device agent in a child JVM, with a 30 s keep-alive and a 30 s heartbeat:
 *       killed with SIGKILL (the kernel closes its socket, the broker publishes the Will) and frozen with SIGSTOP
 *       (no close, no ping, no status: the half-open case, where only the broker's keep-alive expiry or the
 *       missed-heartbeat rule can tell);
 *   <li>status throughput through the broker and the ingest, and of the fleet's own work alone.
 * </ul>
 */
@MicronautTest
@EnabledIfSystemProperty(named = "fleet.bench", matches = "true")
class FleetBenchmarkIT extends RealServers {

    private static final Logger log = LoggerFactory.getLogger(FleetBenchmarkIT.class);
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final int HEARTBEAT_SECONDS = 30;

    @Inject MqttIngestClient ingest;
    @Inject SiteRepository sites;
    @Inject MeterRegistry meters;
    @Inject MessageProcessor processor;
    @Inject FleetRecorder recorder;
    @Inject TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("maillage.territory.import-on-startup", "false");
        return properties;
    }

    /** The device agent ({@code maillage-agent run}) in a JVM of its own, on this test's class path. */
    private Process agent(String site, Path work) throws IOException {
        Path config = Files.writeString(work.resolve(site + ".yml"), """
                site: {id: %s, name: Banc d'essai, kind: CABIN, inseeCode: "52121"}
                mqtt: {uris: %s, keepAlive: %ds}
                heartbeat: %ds
                dataDir: %s
                form: {enabled: false}
                """.formatted(site, servers.mqttUri(), KEEP_ALIVE_SECONDS, HEARTBEAT_SECONDS, work.resolve(site)));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        "fr.maillage.agent.cli.AgentCommand", "run", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(site + ".log").toFile())
                .start();
    }

    private static void signal(Process process, String signal) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " failed: " + exit);
        }
    }

    private Site awaitSite(String id, Duration timeout, Predicate<Site> condition) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> sites.findById(id).map(condition::test).orElse(false));
        return sites.findById(id).orElseThrow();
    }

    /** What happened after the agent was stopped: when the site was OFFLINE and why, when the Will came. */
    private record Detection(Duration offline, String reason, Duration will, Duration sinceLastStatus) {}

    private Detection stopAndWatch(Process agent, String site, String signal) throws Exception {
        // Started, connected, and its first status applied: stop it at a random point of its heartbeat.
        Site before = awaitSite(site, Duration.ofSeconds(120),
                s -> s.state() == SiteState.ONLINE && s.lastStatusSeq() > 0);
        Thread.sleep(1000 + (long) (Math.random() * 10_000));
        Instant lastStatus = sites.findById(site).orElseThrow().lastStatusAt();
        Instant stopped = Instant.now();
        signal(agent, signal);
        Site offline = awaitSite(site, Duration.ofSeconds(150), s -> s.state() == SiteState.OFFLINE);
        Duration offlineAfter = Duration.between(stopped, Instant.now());
        awaitSite(site, Duration.ofSeconds(150), s -> s.connection() == SiteConnection.OFFLINE);
        Duration willAfter = Duration.between(stopped, Instant.now());
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Detection(offlineAfter, offline.stateReason(), willAfter,
                lastStatus == null ? Duration.ZERO : Duration.between(lastStatus, stopped));
    }

    @Test
    void detectionDelays() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(ingest::isConnected);
        Path work = Files.createTempDirectory("fleet-bench-");
        String killed = siteId("bench-kill");
        String frozen = siteId("bench-stop");
        Detection kill = stopAndWatch(agent(killed, work), killed, "KILL");
        Detection stop = stopAndWatch(agent(frozen, work), frozen, "STOP");
        log.info("detection delay, default fleet settings, {} s keep-alive, {} s heartbeat [agent SIGKILLed: OFFLINE"
                        + " after {} ms ({}), Will after {} ms; agent SIGSTOPped (half-open): OFFLINE after {} ms ({}),"
                        + " Will after {} ms, its last status {} ms before the stop]",
                KEEP_ALIVE_SECONDS, HEARTBEAT_SECONDS, kill.offline().toMillis(), kill.reason(), kill.will().toMillis(),
                stop.offline().toMillis(), stop.reason(), stop.will().toMillis(), stop.sinceLastStatus().toMillis());
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publisher.clearRetained(new SiteTopic(killed, Channel.STATE).topic());
            publisher.clearRetained(new SiteTopic(frozen, Channel.STATE).topic());
        }
    }

    /** Paho refuses a publish while the broker's receive-maximum window is full; wait for a slot. */
    private static void send(TestPublisher publisher, String site, WireMessage message) throws Exception {
        while (true) {
            try {
                publisher.publish(site, message);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    private static StateMessage birth(String site, int i) {
        return new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 0, ConnectionState.ONLINE,
                new SiteDescriptor("Banc " + i, SiteKind.PHARMACY, "54395", 48.7, 6.2), "bench");
    }

    /**
     * A heartbeat of a cabin with a camera and a link; when {@code changing}, the camera is DEGRADED every third
     * round (two snapshots out of three then change a recorded state or a pending recovery).
     */
    private static StatusMessage heartbeat(String site, long round, boolean changing) {
        Health health = changing && round % 3 == 0 ? Health.DEGRADED : Health.OK;
        return new StatusMessage(1, UUID.randomUUID(), site, Instant.now(), 1, round, 60, List.of(
                new ProbeReading("camera", DeviceKind.CAMERA, health, null, null),
                new ProbeReading("link", DeviceKind.NETWORK_LINK, Health.OK, null, Map.of("latencyMs", 40.0))));
    }

    @Test
    void statusThroughput() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(ingest::isConnected);
        int siteCount = 50;
        int rounds = 10;
        List<String> ids = new ArrayList<>();
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            for (int i = 0; i < siteCount; i++) {
                String site = siteId("bench-" + i);
                ids.add(site);
                send(publisher, site, birth(site, i));
            }
            Instant start = Instant.now();
            for (int round = 1; round <= rounds; round++) {
                for (String site : ids) {
                    send(publisher, site, heartbeat(site, round, true));
                }
                // Stay under the broker's queue limit for a lagging subscriber (see DESIGN.md): one round at a time.
                String last = ids.getLast();
                int expected = round;
                awaitSite(last, Duration.ofSeconds(120), s -> s.lastStatusSeq() == expected);
            }
            Duration elapsed = Duration.between(start, Instant.now());
            Timer processing = meters.get(IngestMetrics.PROCESSING).tag("channel", "status").timer();
            log.info("status throughput through the broker and the ingest, a change every third round [status messages:"
                            + " {}, sites: {}, in: {} ms,"
                            + " rate: {} msg/s, receipt to commit: mean {} ms, max {} ms]",
                    siteCount * rounds, siteCount, elapsed.toMillis(),
                    Math.round(siteCount * rounds / (elapsed.toMillis() / 1000.0)),
                    Math.round(processing.mean(TimeUnit.MILLISECONDS) * 10) / 10.0,
                    Math.round(processing.max(TimeUnit.MILLISECONDS)));
            for (String site : ids) {
                publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
            }
        }

        // The fleet's own work, without the broker, on steady heartbeats (the common case: no state changes): as
        // the ingest does it (one transaction per message), and as a batching ingest would (many per transaction).
        List<String> direct = new ArrayList<>();
        for (int i = 0; i < siteCount; i++) {
            String site = siteId("direct-" + i);
            direct.add(site);
            int index = i;
            transactions.executeWrite(status -> processor.process(birth(site, index), Instant.now()));
        }
        int messages = 2000;
        long round = 1;
        Instant start = Instant.now();
        for (int n = 0; n < messages; n++) {
            if (n % siteCount == 0) {
                round++;
            }
            long current = round;
            String site = direct.get(n % siteCount);
            transactions.executeWrite(status -> processor.process(heartbeat(site, current, false), Instant.now()));
        }
        Duration single = Duration.between(start, Instant.now());
        int batch = 100;
        start = Instant.now();
        for (int n = 0; n < messages; n += batch) {
            round += batch / siteCount;
            long first = round;
            int from = n;
            transactions.executeWrite(status -> {
                for (int k = 0; k < batch; k++) {
                    recorder.onStatus(heartbeat(direct.get((from + k) % siteCount), first + k / siteCount, false),
                            Instant.now());
                }
                return null;
            });
        }
        Duration batched = Duration.between(start, Instant.now());
        log.info("fleet status work without the broker, steady heartbeats [{} snapshots of {} sites: one transaction"
                        + " each {} msg/s;"
                        + " {} per transaction {} msg/s]",
                messages, siteCount, Math.round(messages / (single.toMillis() / 1000.0)), batch,
                Math.round(messages / (batched.toMillis() / 1000.0)));
    }
}
