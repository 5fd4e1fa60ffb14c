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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Upsert of the site's status and of its probes, returning the recorded state of the site (device '', first,
     * with its connection) and of each probed device (with its health). Nothing is returned for a stale snapshot.
     */
    private static final String STATUS = """
            WITH site_row AS (
                INSERT INTO site (id, connection, conn_seq, last_status_seq, created_at, health,
                    last_status_occurred_at, heartbeat_seconds, last_heard_at, last_status_at)
                VALUES (?, 'UNKNOWN', -1, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET health = EXCLUDED.health, last_status_seq = EXCLUDED.last_status_seq,
                    last_status_at = EXCLUDED.last_status_at,
                    last_status_occurred_at = EXCLUDED.last_status_occurred_at,
                    heartbeat_seconds = EXCLUDED.heartbeat_seconds, last_heard_at = EXCLUDED.last_heard_at
                WHERE site.last_status_seq < EXCLUDED.last_status_seq
                RETURNING id, connection, state, state_since, state_reason, candidate_state, candidate_since,
                    last_status_at),
            device_rows AS (
                INSERT INTO site_device (site_id, device_id, kind, health, detail, measurements, updated_at)
                SELECT s.id, p.device_id, p.kind, p.health, p.detail, CAST(p.measurements AS jsonb), s.last_status_at
                FROM site_row s, unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                    CAST(? AS text[])) AS p (device_id, kind, health, detail, measurements)
                ON CONFLICT (site_id, device_id) DO UPDATE SET kind = EXCLUDED.kind, health = EXCLUDED.health,
                    detail = EXCLUDED.detail, measurements = EXCLUDED.measurements, updated_at = EXCLUDED.updated_at
                RETURNING device_id, health, state, state_since, health AS reason, candidate_state, candidate_since)
            SELECT '' AS device_id, connection, state, state_since, state_reason, candidate_state, candidate_since
            FROM site_row
            UNION ALL
            SELECT device_id, health, state, state_since, reason, candidate_state, candidate_since FROM device_rows
            ORDER BY device_id""";

    /**
     * {@link #STATUS} for the snapshots of several distinct sites at once (one statement for a whole run of an
     * ingest batch): the same upserts, rows taken in site order, and the recorded states returned by site.
     * Timestamps travel as ISO-8601 text, which PostgreSQL reads whatever the JVM's zone.
     */
    private static final String STATUSES = """
            WITH input AS (
                SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS timestamptz[]),
                    CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS integer[]), CAST(? AS timestamptz[]))
                    AS i (id, seq, received_at, health, occurred_at, heartbeat_seconds, heard_at)),
            site_rows AS (
                INSERT INTO site (id, connection, conn_seq, last_status_seq, created_at, health,
                    last_status_occurred_at, heartbeat_seconds, last_heard_at, last_status_at)
                SELECT id, 'UNKNOWN', -1, seq, received_at, health, occurred_at, heartbeat_seconds, heard_at,
                    received_at
                FROM input ORDER BY id
                ON CONFLICT (id) DO UPDATE SET health = EXCLUDED.health, last_status_seq = EXCLUDED.last_status_seq,
                    last_status_at = EXCLUDED.last_status_at,
                    last_status_occurred_at = EXCLUDED.last_status_occurred_at,
                    heartbeat_seconds = EXCLUDED.heartbeat_seconds, last_heard_at = EXCLUDED.last_heard_at
                WHERE site.last_status_seq < EXCLUDED.last_status_seq
                RETURNING id, connection, state, state_since, state_reason, candidate_state, candidate_since,
                    last_status_at),
            device_rows AS (
                INSERT INTO site_device (site_id, device_id, kind, health, detail, measurements, updated_at)
                SELECT s.id, p.device_id, p.kind, p.health, p.detail, CAST(p.measurements AS jsonb), s.last_status_at
                FROM site_rows s JOIN unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                    CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                    AS p (site_id, device_id, kind, health, detail, measurements) ON p.site_id = s.id
                ORDER BY s.id, p.device_id
                ON CONFLICT (site_id, device_id) DO UPDATE SET kind = EXCLUDED.kind, health = EXCLUDED.health,
                    detail = EXCLUDED.detail, measurements = EXCLUDED.measurements, updated_at = EXCLUDED.updated_at
                RETURNING site_id, device_id, health, state, state_since, health AS reason, candidate_state,
                    candidate_since)
            SELECT id AS site_id, '' AS device_id, connection, state, state_since, state_reason, candidate_state,
                candidate_since
            FROM site_rows
            UNION ALL
            SELECT site_id, device_id, health, state, state_since, reason, candidate_state, candidate_since
            FROM device_rows
            ORDER BY site_id, device_id""";

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

    /**
     * A status snapshot to apply.
     *
     * @param receivedAt when the ingest received it (stored as the status time)
     * @param occurredAt the agent's own time, kept for the record
     * @param probes the readings, at most one per device
     */
    public record Snapshot(
            String siteId,
            long seq,
            Health overall,
            Instant receivedAt,
            Instant occurredAt,
            int heartbeatSeconds,
            List<Probe> probes) {}

    /** One probe reading as stored; {@code measurements} is JSON. */
    public record Probe(String deviceId, String kind, String health, @Nullable String detail, String measurements) {}

    /**
     * Applies a status snapshot unless a later one of the site was applied already, and re-evaluates the site only
     * when the snapshot may change a recorded state. The common case, a heartbeat that changes nothing, is this
     * one statement: the site row is created or updated (with the time it was heard), the probes are upserted,
     * and the recorded states come back to be checked against {@link Observation} and {@link Hysteresis} here.
     * The statement locks the site row, as {@link #evaluate} does, so a concurrent sweep waits for it.
     *
     * @return false when the snapshot is older than the one stored
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean status(Snapshot snapshot) {
        Instant now = clock.instant();
        List<Recorded> recorded = jdbc.prepareStatement(STATUS, ps -> {
            int n = snapshot.probes().size();
            String[][] columns = new String[5][n];
            for (int i = 0; i < n; i++) {
                Probe probe = snapshot.probes().get(i);
                columns[0][i] = probe.deviceId();
                columns[1][i] = probe.kind();
                columns[2][i] = probe.health();
                columns[3][i] = probe.detail();
                columns[4][i] = probe.measurements();
            }
            ps.setString(1, snapshot.siteId());
            ps.setLong(2, snapshot.seq());
            ps.setTimestamp(3, Timestamp.from(snapshot.receivedAt()));
            ps.setString(4, snapshot.overall().name());
            ps.setTimestamp(5, Timestamp.from(snapshot.occurredAt()));
            ps.setInt(6, snapshot.heartbeatSeconds());
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setTimestamp(8, Timestamp.from(snapshot.receivedAt()));
            for (int c = 0; c < columns.length; c++) {
                ps.setArray(9 + c, ps.getConnection().createArrayOf("text", columns[c]));
            }
            List<Recorded> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Recorded(rs.getString(1), rs.getString(2), tracked(rs, 3)));
                }
            }
            return rows;
        });
        if (recorded.isEmpty()) {
            return false;
        }
        if (!settled(recorded, snapshot, now)) {
            evaluate(snapshot.siteId(), now);
        }
        return true;
    }

    /**
     * Applies the snapshots of a run of an ingest batch as {@link #status} applies each, in their order: in rounds
     * of distinct sites (a site's second snapshot goes in the second round, and so on), each round one statement,
     * then the sites whose states may move re-evaluated one by one. Since a site's evaluation reads only its own
     * rows, this is what applying them one after the other does, in far fewer round trips.
     *
     * @return for each snapshot, in order, false when a later one of its site was applied already
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<Boolean> statuses(List<Snapshot> snapshots) {
        List<List<Integer>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < snapshots.size(); i++) {
            int round = seen.merge(snapshots.get(i).siteId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        Boolean[] applied = new Boolean[snapshots.size()];
        for (List<Integer> round : rounds) {
            List<Snapshot> distinct = round.stream().map(snapshots::get).toList();
            Instant now = clock.instant();
            Map<String, List<Recorded>> recorded = statusRound(distinct, now);
            for (int k = 0; k < distinct.size(); k++) {
                Snapshot snapshot = distinct.get(k);
                List<Recorded> rows = recorded.getOrDefault(snapshot.siteId(), List.of());
                applied[round.get(k)] = !rows.isEmpty();
                if (!rows.isEmpty() && !settled(rows, snapshot, now)) {
                    evaluate(snapshot.siteId(), now);
                }
            }
        }
        return Arrays.asList(applied);
    }

    /** One statement for snapshots of distinct sites; the recorded states by site, the site's own first. */
    private Map<String, List<Recorded>> statusRound(List<Snapshot> snapshots, Instant now) {
        return jdbc.prepareStatement(STATUSES, ps -> {
            int n = snapshots.size();
            String[] ids = new String[n];
            Long[] seqs = new Long[n];
            String[] received = new String[n];
            String[] health = new String[n];
            String[] occurred = new String[n];
            Integer[] heartbeats = new Integer[n];
            String[] heard = new String[n];
            List<String[]> probes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Snapshot snapshot = snapshots.get(i);
                ids[i] = snapshot.siteId();
                seqs[i] = snapshot.seq();
                received[i] = snapshot.receivedAt().toString();
                health[i] = snapshot.overall().name();
                occurred[i] = snapshot.occurredAt().toString();
                heartbeats[i] = snapshot.heartbeatSeconds();
                heard[i] = now.toString();
                for (Probe probe : snapshot.probes()) {
                    probes.add(new String[] {snapshot.siteId(), probe.deviceId(), probe.kind(), probe.health(),
                        probe.detail(), probe.measurements()});
                }
            }
            var connection = ps.getConnection();
            ps.setArray(1, connection.createArrayOf("text", ids));
            ps.setArray(2, connection.createArrayOf("int8", seqs));
            ps.setArray(3, connection.createArrayOf("text", received));
            ps.setArray(4, connection.createArrayOf("text", health));
            ps.setArray(5, connection.createArrayOf("text", occurred));
            ps.setArray(6, connection.createArrayOf("int4", heartbeats));
            ps.setArray(7, connection.createArrayOf("text", heard));
            for (int c = 0; c < 6; c++) {
                String[] column = new String[probes.size()];
                for (int r = 0; r < probes.size(); r++) {
                    column[r] = probes.get(r)[c];
                }
                ps.setArray(8 + c, connection.createArrayOf("text", column));
            }
            Map<String, List<Recorded>> bySite = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bySite.computeIfAbsent(rs.getString(1), site -> new ArrayList<>())
                            .add(new Recorded(rs.getString(2), rs.getString(3), tracked(rs, 4)));
                }
            }
            return bySite;
        });
    }

    /** A recorded state returned by the status statement: the site's with its connection, a device's with its health. */
    private record Recorded(String deviceId, String facts, Hysteresis.Tracked tracked) {}

    /** Whether the snapshot leaves every recorded state as it is, so that the site need not be re-evaluated. */
    private boolean settled(List<Recorded> recorded, Snapshot snapshot, Instant now) {
        Recorded site = recorded.getFirst();
        Observation observation = Observation.of(SiteConnection.valueOf(site.facts()), snapshot.overall(), now,
                snapshot.heartbeatSeconds(), watchingSince, now, configuration.liveness());
        if (moves(site.tracked(), observation.state(), observation.reason().name(), now)) {
            return false;
        }
        for (Recorded device : recorded.subList(1, recorded.size())) {
            Health health = Health.valueOf(device.facts());
            if (moves(device.tracked(), Observation.ofDevice(observation.state(), health), health.name(), now)) {
                return false;
            }
        }
        return true;
    }

    private boolean moves(Hysteresis.Tracked tracked, SiteState raw, String reason, Instant now) {
        return Hysteresis.step(tracked, raw, reason, now, configuration.recoveryHold()).changed(tracked);
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
