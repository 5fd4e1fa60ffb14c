package fr.maillage.agent;

import fr.maillage.agent.mqtt.BrokerConfig;
import fr.maillage.agent.outbox.OutboxLimits;
import fr.maillage.agent.probe.DiskProbeConfig;
import fr.maillage.agent.probe.ProbeConfig;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one site's agent needs. Built from the configuration file by
 * {@link fr.maillage.agent.config.ConfigFile}, or directly by tests and the simulator with {@link #forSite}.
 *
 * @param siteId the site's id, a topic level ({@link SiteTopic#SITE_ID})
 * @param site how the birth describes the site
 * @param broker how to reach the broker
 * @param heartbeat a status snapshot is published at least this often
 * @param probeInterval how often the probes run (a change of health is published at once)
 * @param dataDir where the outbox and the counters live; must survive restarts
 * @param outbox what the outbox holds before compacting status snapshots
 * @param disk thresholds of the disk probe on the outbox's volume
 * @param probes the site's probes, besides the agent and disk probes every agent runs
 */
public record AgentConfig(
        String siteId,
        SiteDescriptor site,
        BrokerConfig broker,
        Duration heartbeat,
        Duration probeInterval,
        Path dataDir,
        OutboxLimits outbox,
        DiskProbeConfig disk,
        List<ProbeConfig> probes) {

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(10);

    public AgentConfig {
        if (siteId == null || !SiteTopic.SITE_ID.matcher(siteId).matches()) {
            throw new IllegalArgumentException(
                    "site id must match " + SiteTopic.SITE_ID.pattern() + " (lowercase, digits, dashes), was " + siteId);
        }
        if (site == null || site.name() == null || site.kind() == null || site.inseeCode() == null) {
            throw new IllegalArgumentException("site needs a name, a kind and an INSEE code, was " + site);
        }
        if (!site.inseeCode().matches("[0-9]{5}|2[AB][0-9]{3}")) {
            throw new IllegalArgumentException("site INSEE code must have five characters, was " + site.inseeCode());
        }
        if (broker == null) {
            throw new IllegalArgumentException("broker is required");
        }
        if (heartbeat == null || heartbeat.toSeconds() < 1 || heartbeat.toSeconds() > 86_400) {
            throw new IllegalArgumentException("heartbeat must be between 1 s and 24 h, was " + heartbeat);
        }
        if (probeInterval == null || probeInterval.toMillis() < 100 || probeInterval.compareTo(heartbeat) > 0) {
            throw new IllegalArgumentException(
                    "probe interval must be between 100 ms and the heartbeat (" + heartbeat + "), was " + probeInterval);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("data directory is required");
        }
        outbox = outbox == null ? OutboxLimits.DEFAULT : outbox;
        disk = disk == null ? DiskProbeConfig.DEFAULT : disk;
        probes = probes == null ? List.of() : List.copyOf(probes);
    }

    /** A site with defaults everywhere, one broker and no peripherals: for tests, the demo and the simulator. */
    public static AgentConfig forSite(String siteId, SiteDescriptor site, String brokerUri, Path dataDir) {
        return new AgentConfig(
                siteId,
                site,
                BrokerConfig.of(brokerUri),
                DEFAULT_HEARTBEAT,
                DEFAULT_PROBE_INTERVAL,
                dataDir,
                OutboxLimits.DEFAULT,
                DiskProbeConfig.DEFAULT,
                List.of());
    }

    public AgentConfig withProbes(List<ProbeConfig> others) {
        return new AgentConfig(siteId, site, broker, heartbeat, probeInterval, dataDir, outbox, disk, others);
    }

    public AgentConfig withBroker(BrokerConfig other) {
        return new AgentConfig(siteId, site, other, heartbeat, probeInterval, dataDir, outbox, disk, probes);
    }

    public AgentConfig withHeartbeat(Duration beat, Duration interval) {
        return new AgentConfig(siteId, site, broker, beat, interval, dataDir, outbox, disk, probes);
    }

    public AgentConfig withOutbox(OutboxLimits limits) {
        return new AgentConfig(siteId, site, broker, heartbeat, probeInterval, dataDir, limits, disk, probes);
    }
}
