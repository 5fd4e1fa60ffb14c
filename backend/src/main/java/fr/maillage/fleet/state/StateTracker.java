package fr.maillage.fleet.state;

import fr.maillage.contract.Health;
import fr.maillage.fleet.FleetConfiguration;
import fr.maillage.fleet.FleetMetrics;
import fr.maillage.fleet.SiteConnection;
import fr.maillage.fleet.SiteState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-evaluates the recorded state of a site and of its devices from what is stored: after every message of the
 * site (inside the ingest's transaction) and from the sweeper (in a transaction of its own). The site row is
 * locked first, so messages and sweeps of one site apply one after the other, on any backend instance.
 */
@Singleton
public class StateTracker {

    private static final Logger log = LoggerFactory.getLogger(StateTracker.class);
    /** The device id of a site's own intervals. */
    public static final String SITE = "";

    private final JdbcOperations jdbc;
    private final FleetConfiguration configuration;
    private final FleetMetrics metrics;
    private final Clock clock;
    private final Instant watchingSince;

    StateTracker(JdbcOperations jdbc, FleetConfiguration configuration, FleetMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.configuration = configuration;
        this.metrics = metrics;
        this.clock = clock;
        this.watchingSince = clock.instant();
    }

    /** Records that the site itself spoke now (birth or status), then re-evaluates it. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void heard(String siteId) {
        Instant now = clock.instant();
        jdbc.prepareStatement("UPDATE site SET last_heard_at = ? WHERE id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, siteId);
            return ps.executeUpdate();
        });
        evaluate(siteId, now);
    }

    /** Re-evaluates a site after a message that is not a sign of life (a Will). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void changed(String siteId) {
        evaluate(siteId, clock.instant());
    }

    /** Re-evaluates a site from the sweeper, in a transaction of its own. */
    @Transactional
    public void sweep(String siteId) {
        evaluate(siteId, clock.instant());
    }

    /**
     * The sites a sweep must re-evaluate: those up but silent for longer than their limit (the same rule as
     * {@link Observation}, in SQL, so a sweep of 10,000 sites touches only the few that changed) and those with a
     * recovery waiting to be confirmed.
     */
    @Transactional(readOnly = true)
    public List<String> watched() {
        Observation.Liveness liveness = configuration.liveness();
        return jdbc.prepareStatement("""
                SELECT id FROM site WHERE candidate_state IS NOT NULL
                    OR (state IN ('ONLINE', 'DEGRADED') AND greatest(last_heard_at, CAST(? AS timestamptz))
                        < CAST(? AS timestamptz)
                        - make_interval(secs => coalesce(nullif(heartbeat_seconds, 0), ?) * ? + ?))
                UNION SELECT site_id FROM site_device WHERE candidate_state IS NOT NULL""", ps -> {
            ps.setTimestamp(1, Timestamp.from(watchingSince));
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setLong(3, liveness.defaultHeartbeat().toSeconds());
            ps.setInt(4, liveness.missedHeartbeats());
            ps.setDouble(5, liveness.grace().toMillis() / 1000.0);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    private record SiteRow(
            SiteConnection connection,
            @Nullable Health health,
            @Nullable Instant lastHeard,
            @Nullable Integer heartbeatSeconds,
            Hysteresis.Tracked tracked) {}

    private record DeviceRow(String deviceId, Health health, Hysteresis.Tracked tracked) {}

    private void evaluate(String siteId, Instant now) {
        SiteRow site = jdbc.prepareStatement("""
                SELECT connection, health, last_heard_at, heartbeat_seconds, state, state_since, state_reason,
                    candidate_state, candidate_since
                FROM site WHERE id = ? FOR UPDATE""", ps -> {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new SiteRow(
                        SiteConnection.valueOf(rs.getString(1)),
                        rs.getString(2) == null ? null : Health.valueOf(rs.getString(2)),
                        instant(rs, 3),
                        (Integer) rs.getObject(4),
                        tracked(rs, 5));
            }
        });
        if (site == null) {
            return;
        }
        Observation observation = Observation.of(site.connection(), site.health(), site.lastHeard(),
                site.heartbeatSeconds(), watchingSince, now, configuration.liveness());
        Hysteresis.Step step = Hysteresis.step(site.tracked(), observation.state(), observation.reason().name(), now,
                configuration.recoveryHold());
        apply(siteId, SITE, site.tracked(), step);

        for (DeviceRow device : devices(siteId)) {
            SiteState raw = Observation.ofDevice(observation.state(), device.health());
            Hysteresis.Step deviceStep = Hysteresis.step(device.tracked(), raw, device.health().name(), now,
                    configuration.recoveryHold());
            apply(siteId, device.deviceId(), device.tracked(), deviceStep);
        }
    }

    private List<DeviceRow> devices(String siteId) {
        return jdbc.prepareStatement("""
                SELECT device_id, health, state, state_since, health AS reason, candidate_state, candidate_since
                FROM site_device WHERE site_id = ? ORDER BY device_id FOR UPDATE""", ps -> {
            ps.setString(1, siteId);
            List<DeviceRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DeviceRow(rs.getString(1), Health.valueOf(rs.getString(2)), tracked(rs, 3)));
                }
            }
            return rows;
        });
    }

    private void apply(String siteId, String deviceId, Hysteresis.Tracked before, Hysteresis.Step step) {
        if (!step.changed(before)) {
            return;
        }
        step.ended().ifPresent(interval -> jdbc.prepareStatement("""
                INSERT INTO site_state_interval (site_id, device_id, state, started_at, ended_at, reason)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", ps -> {
            ps.setString(1, siteId);
            ps.setString(2, deviceId);
            ps.setString(3, interval.state().name());
            ps.setTimestamp(4, Timestamp.from(interval.from()));
            ps.setTimestamp(5, Timestamp.from(interval.to()));
            ps.setString(6, interval.reason());
            return ps.executeUpdate();
        }));
        Hysteresis.Tracked next = step.next();
        String table = deviceId.equals(SITE) ? "site" : "site_device";
        String where = deviceId.equals(SITE) ? "id = ?" : "site_id = ? AND device_id = ?";
        String reasonColumn = deviceId.equals(SITE) ? ", state_reason = ?" : "";
        jdbc.prepareStatement("UPDATE " + table + " SET state = ?, state_since = ?, candidate_state = ?,"
                + " candidate_since = ?" + reasonColumn + " WHERE " + where, ps -> {
            int i = bindTracked(ps, next);
            if (deviceId.equals(SITE)) {
                ps.setString(i++, next.reason());
            }
            ps.setString(i++, siteId);
            if (!deviceId.equals(SITE)) {
                ps.setString(i, deviceId);
            }
            return ps.executeUpdate();
        });
        if (next.state() != before.state()) {
            metrics.transition(deviceId.equals(SITE) ? FleetMetrics.Subject.SITE : FleetMetrics.Subject.DEVICE,
                    next.state());
            log.debug("state changed [site: {}, device: {}, from: {}, to: {}, since: {}, reason: {}]",
                    siteId, deviceId, before.state(), next.state(), next.since(), next.reason());
        }
    }

    private static int bindTracked(PreparedStatement ps, Hysteresis.Tracked tracked) throws SQLException {
        ps.setString(1, tracked.state().name());
        ps.setTimestamp(2, tracked.since() == null ? null : Timestamp.from(tracked.since()));
        ps.setString(3, tracked.candidate() == null ? null : tracked.candidate().name());
        ps.setTimestamp(4, tracked.candidateSince() == null ? null : Timestamp.from(tracked.candidateSince()));
        return 5;
    }

    /** Reads state, state_since, reason, candidate_state, candidate_since from {@code first} on. */
    private static Hysteresis.Tracked tracked(ResultSet rs, int first) throws SQLException {
        String candidate = rs.getString(first + 3);
        return new Hysteresis.Tracked(
                SiteState.valueOf(rs.getString(first)),
                instant(rs, first + 1),
                rs.getString(first + 2),
                candidate == null ? null : SiteState.valueOf(candidate),
                instant(rs, first + 4));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
