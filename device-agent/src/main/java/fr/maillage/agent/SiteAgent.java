package fr.maillage.agent;

import fr.maillage.agent.mqtt.BrokerLink;
import fr.maillage.agent.mqtt.LinkListener;
import fr.maillage.agent.mqtt.OutboxPublisher;
import fr.maillage.agent.outbox.Outbox;
import fr.maillage.agent.probe.AgentProbe;
import fr.maillage.agent.probe.DiskProbe;
import fr.maillage.agent.probe.Probe;
import fr.maillage.agent.probe.ProbeConfig;
import fr.maillage.agent.probe.StatusReporter;
import fr.maillage.agent.session.SessionEvents;
import fr.maillage.contract.Command;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.WireCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site's agent: a durable outbox, a background connection to the broker and the site's probes.
 *
 * <p>{@link #record} returns only once the event is on disk; it is published QoS 1 whenever the broker is
 * reachable and leaves the outbox after its PUBACK, so an event the caller saw returned survives a crash, a
 * power cut or a week without network.
 */
public final class SiteAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SiteAgent.class);
    private static final WireCodec CODEC = new WireCodec();

    private final AgentConfig config;
    private final Clock clock;
    private final Outbox outbox;
    private final ScheduledExecutorService scheduler;
    private final BrokerLink link;
    private final OutboxPublisher publisher;
    private final StatusReporter status;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SiteAgent(AgentConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.outbox = Outbox.open(config.dataDir(), config.outbox(), CODEC);
        this.scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("agent-" + config.siteId()).factory());
        this.link = new BrokerLink(
                config.broker(),
                config.siteId(),
                config.site(),
                AgentVersion.current(),
                outbox,
                CODEC,
                clock,
                new Listener());
        this.publisher = new OutboxPublisher(outbox, link, config.siteId(), config.broker().maxInFlight());
        List<Probe> probes = new ArrayList<>();
        probes.add(new AgentProbe(outbox));
        probes.add(new DiskProbe(config.dataDir(), config.disk()));
        config.probes().stream().map(ProbeConfig::create).forEach(probes::add);
        this.status = new StatusReporter(
                config.siteId(), probes, config.heartbeat(), outbox, link::connSeq, clock, publisher::wake);
    }

    /** Opens the outbox, then connects in the background; returns at once, connected or not. */
    public static SiteAgent start(AgentConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(AgentConfig)}, with the clock that dates events (the simulator's runs faster). */
    public static SiteAgent start(AgentConfig config, Clock clock) {
        SiteAgent agent = new SiteAgent(config, clock);
        agent.publisher.start();
        agent.link.start();
        long period = config.probeInterval().toMillis();
        agent.scheduler.scheduleWithFixedDelay(agent::tick, period, period, TimeUnit.MILLISECONDS);
        log.info("agent started [site: {}, brokers: {}, data: {}, pending: {}]",
                config.siteId(), config.broker().uris(), config.dataDir(), agent.outbox.size());
        return agent;
    }

    /**
     * Records a step of a session. Returns once the event is committed to the outbox; publication follows.
     *
     * @throws IllegalArgumentException when the event would break the wire contract (e.g. a completed session
     *     without details); the message says what to fix
     */
    public SessionEvent record(SessionEvent.Type type, UUID sessionId, SessionDetails details) {
        SessionEvent event =
                SessionEvents.append(outbox, config.siteId(), clock, link.connSeq(), type, sessionId, details);
        publisher.wake();
        return event;
    }

    /** Probes now and queues a snapshot, whatever changed. */
    public void publishStatusNow() {
        status.publishNow();
    }

    /** Messages still waiting in the outbox for their PUBACK (session events and status snapshots). */
    public long pendingEvents() {
        return outbox.size();
    }

    public boolean isConnected() {
        return link.isConnected();
    }

    public String siteId() {
        return config.siteId();
    }

    /**
     * Cuts the link as a network failure would (no DISCONNECT, so the broker publishes the Will) and stays
     * offline for {@code outage}. Events recorded meanwhile wait in the outbox.
     */
    public void interruptLink(Duration outage) {
        log.info("link interrupted [site: {}, for: {}]", config.siteId(), outage);
        link.interrupt(outage);
    }

    private void tick() {
        try {
            status.tick();
        } catch (RuntimeException e) {
            log.error("status not recorded [site: {}]", config.siteId(), e);
        }
    }

    /** Orderly shutdown: OFFLINE is published (retained, same connSeq), then the client disconnects. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        link.close();
        outbox.close();
        log.info("agent stopped [site: {}]", config.siteId());
    }

    private final class Listener implements LinkListener {

        @Override
        public void connected(long connSeq) {
            publisher.wake();
            scheduler.execute(SiteAgent.this::publishStatusQuietly);
        }

        @Override
        public void command(Command command) {
            switch (command.type()) {
                case REBIRTH -> scheduler.execute(() -> {
                    link.publishBirth();
                    publishStatusQuietly();
                });
                case RELOAD_CONFIG -> log.warn(
                        "configuration reload asked [site: {}]: restart the service to apply a new file",
                        config.siteId());
            }
        }
    }

    private void publishStatusQuietly() {
        try {
            status.publishNow();
        } catch (RuntimeException e) {
            log.error("status not recorded [site: {}]", config.siteId(), e);
        }
    }
}
