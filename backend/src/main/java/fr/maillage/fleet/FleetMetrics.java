package fr.maillage.fleet;

import fr.maillage.fleet.incident.Rule;
import io.micronaut.core.annotation.Nullable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The fleet's meters. Names are constants and tag values come from enums (or the département code), so that the
 * dashboards in {@code dashboards/} can rely on them; {@code DashboardsIT} checks that they do. Counters are
 * registered for every tag combination at start-up, so every series exists before its first event.
 */
@Singleton
public class FleetMetrics {

    /** Sites by recorded state and département; read from the database every metrics-refresh. */
    public static final String SITES = "maillage.fleet.sites";
    /** Open incidents by rule; read from the database every metrics-refresh. */
    public static final String INCIDENTS_OPEN = "maillage.fleet.incidents.open";
    /** Outbox backlog the agents report (their AGENT probe), summed by département. */
    public static final String AGENT_BACKLOG = "maillage.fleet.agent.backlog";
    /** Recorded state changes of sites and devices, by the state entered. */
    public static final String TRANSITIONS = "maillage.fleet.state.transitions";
    /** Incidents opened, by rule. */
    public static final String INCIDENTS_OPENED = "maillage.fleet.incidents.opened";
    /** Alert notifications, by channel and outcome. */
    public static final String NOTIFICATIONS = "maillage.fleet.notifications";
    /** Receive time minus the agent's own time of a status or birth: network delay plus clock skew. */
    public static final String INGEST_LAG = "maillage.fleet.ingest.lag";
    /** Consultation sessions stored in the last 24 hours, by département; read from the database. */
    public static final String SESSIONS_LAST_DAY = "maillage.fleet.sessions.last.day";

    /** What changed state. */
    public enum Subject {
        SITE,
        DEVICE
    }

    /** How an alert was sent. */
    public enum Channel {
        EMAIL,
        WEBHOOK
    }

    /** What became of one attempt to send an alert. */
    public enum Outcome {
        SENT,
        FAILED
    }

    /** A value of a gauge of the database snapshot, with its tags. */
    public record Row(Tags tags, double value) {}

    private final MeterRegistry registry;
    private final MultiGauge sites;
    private final MultiGauge incidentsOpen;
    private final MultiGauge agentBacklog;
    private final MultiGauge sessionsLastDay;
    private final Timer lag;

    FleetMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sites = MultiGauge.builder(SITES)
                .description("Sites by recorded state and département")
                .register(registry);
        this.incidentsOpen = MultiGauge.builder(INCIDENTS_OPEN)
                .description("Open incidents by rule")
                .register(registry);
        this.agentBacklog = MultiGauge.builder(AGENT_BACKLOG)
                .description("Events waiting in the agents' outboxes, as last reported, by département")
                .register(registry);
        this.sessionsLastDay = MultiGauge.builder(SESSIONS_LAST_DAY)
                .description("Consultation sessions that started in the last 24 hours, by département")
                .register(registry);
        this.lag = Timer.builder(INGEST_LAG)
                .description("Receive time minus agent time of births and status snapshots (delay and clock skew)")
                .publishPercentileHistogram()
                .register(registry);
        for (Subject subject : Subject.values()) {
            for (SiteState state : SiteState.values()) {
                transitions(subject, state);
            }
        }
        for (Channel channel : Channel.values()) {
            for (Outcome outcome : Outcome.values()) {
                notifications(channel, outcome);
            }
        }
        for (Rule rule : Rule.values()) {
            incidentsOpened(rule);
        }
    }

    public void transition(Subject subject, SiteState to) {
        transitions(subject, to).increment();
    }

    public void incidentOpened(Rule rule) {
        incidentsOpened(rule).increment();
    }

    public void notification(Channel channel, Outcome outcome) {
        notifications(channel, outcome).increment();
    }

    /** Agent clocks may be ahead: a negative lag is recorded as zero, the skew shows in the stored times. */
    public void lag(Duration receivedMinusOccurred) {
        lag.record(receivedMinusOccurred.isNegative() ? Duration.ZERO : receivedMinusOccurred);
    }

    /** Replaces the database snapshot gauges. */
    public void snapshot(List<Row> siteRows, List<Row> incidentRows, List<Row> backlogRows, List<Row> sessionRows) {
        sites.register(rows(siteRows), true);
        incidentsOpen.register(rows(incidentRows), true);
        agentBacklog.register(rows(backlogRows), true);
        sessionsLastDay.register(rows(sessionRows), true);
    }

    public static String tag(@Nullable Enum<?> value) {
        return value == null ? "unknown" : value.name().toLowerCase(Locale.ROOT);
    }

    private static List<MultiGauge.Row<?>> rows(List<Row> rows) {
        return rows.stream().<MultiGauge.Row<?>>map(r -> MultiGauge.Row.of(r.tags(), r.value())).toList();
    }

    private Counter transitions(Subject subject, SiteState state) {
        return Counter.builder(TRANSITIONS)
                .description("Recorded state changes of sites and devices, by the state entered")
                .tag("subject", tag(subject))
                .tag("state", tag(state))
                .register(registry);
    }

    private Counter incidentsOpened(Rule rule) {
        return Counter.builder(INCIDENTS_OPENED)
                .description("Incidents opened, by rule")
                .tag("rule", tag(rule))
                .register(registry);
    }

    private Counter notifications(Channel channel, Outcome outcome) {
        return Counter.builder(NOTIFICATIONS)
                .description("Alert notifications, by channel and outcome")
                .tag("channel", tag(channel))
                .tag("outcome", tag(outcome))
                .register(registry);
    }
}
