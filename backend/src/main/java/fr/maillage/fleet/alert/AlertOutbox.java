package fr.maillage.fleet.alert;

import fr.maillage.fleet.FleetMetrics;
import fr.maillage.fleet.incident.AlertConfiguration;
import fr.maillage.fleet.incident.IncidentStore;
import fr.maillage.fleet.incident.IncidentView;
import fr.maillage.fleet.incident.RuleSettings;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Notifications waiting to be sent, in the database: queued in the transaction that opened, escalated or
 * resolved the incident (so none is lost and none is sent for a rolled-back change), claimed by one instance at
 * a time, retried with a doubling delay, given up after max-attempts.
 */
@Singleton
public class AlertOutbox {

    /** A claimed notification must be sent within this, or another claim may take it again. */
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int BATCH = 50;

    /** A notification to send now. */
    public record Due(long id, FleetMetrics.Channel channel, String target, String payload, int attempts) {}

    private final JdbcOperations jdbc;
    private final AlertConfiguration configuration;
    private final JsonMapper json;

    AlertOutbox(JdbcOperations jdbc, AlertConfiguration configuration, JsonMapper json) {
        this.jdbc = jdbc;
        this.configuration = configuration;
        this.json = json;
    }

    /** Queues the notifications of an incident event for every configured channel. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void enqueue(IncidentView incident, IncidentStore.Event event, RuleSettings rules, Instant now) {
        String payload;
        try {
            payload = json.writeValueAsString(new AlertMessage(event, incident));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the alert of incident " + incident.id(), e);
        }
        if (configuration.smtpHost() != null && !rules.mailTo().isEmpty()) {
            insert(incident.id(), event, FleetMetrics.Channel.EMAIL, String.join(",", rules.mailTo()), payload, now);
        }
        if (configuration.webhookSecret() != null) {
            for (String url : configuration.webhooks()) {
                insert(incident.id(), event, FleetMetrics.Channel.WEBHOOK, url, payload, now);
            }
        }
    }

    private void insert(
            long incidentId, IncidentStore.Event event, FleetMetrics.Channel channel, String target, String payload,
            Instant now) {
        jdbc.prepareStatement("""
                INSERT INTO alert_notification (incident_id, event, channel, target, payload, next_attempt_at,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setLong(1, incidentId);
            ps.setString(2, event.name());
            ps.setString(3, channel.name());
            ps.setString(4, target);
            ps.setString(5, payload);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setTimestamp(7, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    /** Takes the due notifications for this instance, counting the attempt about to be made. */
    @Transactional
    public List<Due> claim(Instant now) {
        return jdbc.prepareStatement("""
                UPDATE alert_notification SET attempts = attempts + 1, next_attempt_at = ?
                WHERE id IN (SELECT id FROM alert_notification
                    WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, channel, target, payload, attempts""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now.plus(LEASE)));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, BATCH);
            List<Due> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getLong(1), FleetMetrics.Channel.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getInt(5)));
                }
            }
            return due;
        });
    }

    @Transactional
    public void sent(long id, Instant now) {
        jdbc.prepareStatement("UPDATE alert_notification SET sent_at = ?, last_error = NULL WHERE id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
    }

    /** @return whether the notification will be tried again */
    @Transactional
    public boolean failed(Due due, String error, Instant now) {
        boolean retry = due.attempts() < configuration.maxAttempts();
        Duration delay = configuration.retryDelay().multipliedBy(1L << Math.min(due.attempts() - 1, 20));
        jdbc.prepareStatement("""
                UPDATE alert_notification SET last_error = ?, next_attempt_at = ?, failed_at = ? WHERE id = ?""",
                ps -> {
                    ps.setString(1, error);
                    ps.setTimestamp(2, Timestamp.from(now.plus(delay)));
                    ps.setTimestamp(3, retry ? null : Timestamp.from(now));
                    ps.setLong(4, due.id());
                    return ps.executeUpdate();
                });
        return retry;
    }
}
