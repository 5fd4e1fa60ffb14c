package fr.maillage.fleet.state;

import static org.assertj.core.api.Assertions.assertThat;
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
import fr.maillage.contract.WireCodec;
import fr.maillage.contract.WireMessage;
import fr.maillage.fleet.SiteRepository;
import fr.maillage.fleet.SiteState;
import fr.maillage.ingest.IngestMetrics;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measurements, not checks of behaviour (those are in {@link FleetStateIT}): run on demand with
 * {@code -Dfleet.bench=true}. Prints detection delays and the state machine's status throughput.
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

    private final WireCodec codec = new WireCodec();

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("maillage.territory.import-on-startup", "false");
        // one missed 30 s heartbeat plus 10 s: a silent agent is OFFLINE after 40 s, within the 45 s target
        properties.put("maillage.fleet.missed-heartbeats", "1");
        properties.put("maillage.fleet.heartbeat-grace", "10s");
        properties.put("maillage.fleet.sweep-interval", "1s");
        return properties;
    }

    /** An agent's MQTT session as the device agent opens it: keep-alive, Will, birth, first status. */
    private MqttClient agent(String site) throws Exception {
        var client = new MqttClient(servers.mqttUri(), "bench-agent-" + site, new MemoryPersistence());
        var options = new MqttConnectionOptions();
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setCleanStart(true);
        options.setWill(new SiteTopic(site, Channel.STATE).topic(), new MqttMessage(codec.encode(new StateMessage(1,
                UUID.randomUUID(), site, Instant.now(), 1, 0, ConnectionState.OFFLINE, null, null)), 1, true, null));
        client.connect(options);
        client.publish(new SiteTopic(site, Channel.STATE).topic(), new MqttMessage(codec.encode(new StateMessage(1,
                UUID.randomUUID(), site, Instant.now(), 1, 0, ConnectionState.ONLINE,
                new SiteDescriptor("Banc d'essai", SiteKind.CABIN, "52121", 48.1, 5.1), "bench")), 1, true, null));
        client.publish(new SiteTopic(site, Channel.STATUS).topic(), new MqttMessage(codec.encode(new StatusMessage(1,
                UUID.randomUUID(), site, Instant.now(), 1, 1, HEARTBEAT_SECONDS, List.of(
                        new ProbeReading("agent", DeviceKind.AGENT, Health.OK, null, Map.of("backlog", 0.0))))), 1,
                false, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> sites.findById(site)
                .map(s -> s.state() == SiteState.ONLINE).orElse(false));
        return client;
    }

    private Duration untilOffline(String site, Instant from) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> sites.findById(site)
                .map(s -> s.state() == SiteState.OFFLINE).orElse(false));
        return Duration.between(from, Instant.now());
    }

    @Test
    void detectionDelays() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(ingest::isConnected);
        String crashed = siteId("bench-crash");
        MqttClient first = agent(crashed);
        // The process dies: its socket is closed without an MQTT DISCONNECT, so the broker publishes the Will.
        Instant killed = Instant.now();
        first.disconnectForcibly(0, 0, false);
        Duration willDelay = untilOffline(crashed, killed);

        String zombie = siteId("bench-zombie");
        MqttClient second = agent(zombie);
        // The agent's loop hangs but its connection lives on (Paho keeps answering pings): no Will ever comes.
        Instant silent = Instant.now();
        Duration heartbeatDelay = untilOffline(zombie, silent);
        second.disconnect();

        log.info("detection delay [killed agent, Will: {} ms; silent agent, missed heartbeat ({} s heartbeat): {} ms]",
                willDelay.toMillis(), HEARTBEAT_SECONDS, heartbeatDelay.toMillis());
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publisher.clearRetained(new SiteTopic(crashed, Channel.STATE).topic());
            publisher.clearRetained(new SiteTopic(zombie, Channel.STATE).topic());
        }
        assertThat(heartbeatDelay).isLessThanOrEqualTo(Duration.ofSeconds(45));
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

    @Test
    void statusThroughput() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(ingest::isConnected);
        int siteCount = 50;
        int rounds = 10;
        List<String> ids = new ArrayList<>();
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            for (int i = 0; i < siteCount; i++) {
                String site = siteId("bench-" + i);
                ids.add(site);
                send(publisher, site, new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 0,
                        ConnectionState.ONLINE, new SiteDescriptor("Banc " + i, SiteKind.PHARMACY, "54395", 48.7, 6.2),
                        "bench"));
            }
            Instant start = Instant.now();
            for (int round = 1; round <= rounds; round++) {
                for (String site : ids) {
                    Health health = round % 3 == 0 ? Health.DEGRADED : Health.OK;
                    send(publisher, site, new StatusMessage(1, UUID.randomUUID(), site, Instant.now(), 1, round, 60,
                            List.of(new ProbeReading("camera", DeviceKind.CAMERA, health, null, null),
                                    new ProbeReading("link", DeviceKind.NETWORK_LINK, Health.OK, null,
                                            Map.of("latencyMs", 40.0)))));
                }
                // Stay under the broker's queue limit for a lagging subscriber (see DESIGN.md): one round at a time.
                String last = ids.getLast();
                int expected = round;
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> sites
                        .findById(last).map(s -> s.lastStatusSeq() == expected).orElse(false));
            }
            Duration elapsed = Duration.between(start, Instant.now());
            double perSecond = siteCount * rounds / (elapsed.toMillis() / 1000.0);
            Timer processing = meters.get(IngestMetrics.PROCESSING).tag("channel", "status").timer();
            log.info("state machine throughput [status messages: {}, sites: {}, in: {} ms, rate: {} msg/s, "
                            + "receipt to commit: mean {} ms, max {} ms]",
                    siteCount * rounds, siteCount, elapsed.toMillis(), Math.round(perSecond),
                    Math.round(processing.mean(TimeUnit.MILLISECONDS) * 10) / 10.0,
                    Math.round(processing.max(TimeUnit.MILLISECONDS)));
            assertThat(ids).allSatisfy(id -> assertThat(sites.findById(id))
                    .hasValueSatisfying(s -> assertThat(s.lastStatusSeq()).isEqualTo(rounds)));
            for (String site : ids) {
                publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
            }
        }
    }
}
