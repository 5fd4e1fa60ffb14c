package fr.maillage.agent.simulator;

import fr.maillage.agent.AgentConfig;
import fr.maillage.agent.SiteAgent;
import fr.maillage.agent.commune.CommuneDirectory;
import fr.maillage.agent.probe.ProbeConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of virtual sites, each a real {@link SiteAgent} with its own MQTT connection and its own outbox,
 * placed in real communes of départements 52, 54 and 55, with sessions during opening hours, peripheral
 * failures and link outages. Simulated time starts now and runs {@link SimulationSettings#speed()} times
 * faster; every event is dated by it.
 */
public final class FleetSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetSimulator.class);
    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration HEARTBEAT = Duration.ofSeconds(60);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);
    private static final int NEIGHBOURS = 12;

    private final List<VirtualSite> sites;
    private final SimulatedClock clock;
    private final ScheduledExecutorService ticker;

    private FleetSimulator(List<VirtualSite> sites, SimulatedClock clock) {
        this.sites = sites;
        this.clock = clock;
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("simulator").daemon().factory());
    }

    public static FleetSimulator start(SimulationSettings settings) {
        CommuneDirectory communes = CommuneDirectory.shipped();
        List<SitePlan> plans = SitePlanner.place(
                communes, settings.sites(), settings.rate(), new SplittableRandom(settings.seed()));
        SimulatedClock clock = new SimulatedClock(settings.start(), settings.speed(), FRANCE);
        List<VirtualSite> sites = new ArrayList<>(plans.size());
        try {
            for (SitePlan plan : plans) {
                List<VirtualPeripheral> peripherals = plan.peripherals().stream()
                        .map(kind -> new VirtualPeripheral(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'), kind))
                        .toList();
                List<ProbeConfig> probes = peripherals.stream().<ProbeConfig>map(p -> () -> p).toList();
                AgentConfig config = AgentConfig.forSite(
                                plan.siteId(),
                                plan.descriptor(),
                                settings.brokerUri(),
                                settings.workDirectory().resolve(plan.siteId()))
                        .withHeartbeat(HEARTBEAT, PROBE_INTERVAL)
                        .withProbes(probes);
                SiteAgent agent = SiteAgent.start(config, clock);
                SessionModel model = new SessionModel(plan.descriptor().kind(), plan.commune(),
                        communes.nearest(plan.commune(), NEIGHBOURS), plan.peripherals());
                sites.add(new VirtualSite(plan, agent, peripherals, model, clock, settings.seed()));
            }
        } catch (RuntimeException e) {
            sites.forEach(site -> site.agent().close());
            throw e;
        }
        FleetSimulator simulator = new FleetSimulator(List.copyOf(sites), clock);
        simulator.ticker.scheduleAtFixedRate(simulator::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        log.info("simulation started [sites: {}, speed: {}, seed: {}, broker: {}]",
                sites.size(), settings.speed(), settings.seed(), settings.brokerUri());
        return simulator;
    }

    public List<String> siteIds() {
        return sites.stream().map(VirtualSite::siteId).toList();
    }

    /** The simulated time now. */
    public Instant now() {
        return clock.instant();
    }

    /** The agents of the virtual sites, in {@link #siteIds()} order. */
    public List<SiteAgent> agents() {
        return sites.stream().map(VirtualSite::agent).toList();
    }

    private void tick() {
        Instant now = clock.instant();
        for (VirtualSite site : sites) {
            try {
                site.advance(now);
            } catch (RuntimeException e) {
                log.error("simulated site failed to advance [site: {}]", site.siteId(), e);
            }
        }
    }

    /** Stops the activity, then closes every agent in order (each publishes its OFFLINE). */
    @Override
    public void close() {
        if (ticker.isShutdown()) {
            return;
        }
        ticker.shutdown();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sites.parallelStream().forEach(site -> site.agent().close());
        log.info("simulation stopped [sites: {}]", sites.size());
    }
}
