package fr.maillage.fleet;

import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.StateMessage;
import fr.maillage.contract.StatusMessage;
import fr.maillage.fleet.state.StateTracker;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies births, Wills and status snapshots to the stored fleet, then lets the state machine re-evaluate the
 * site. Runs inside the ingest's transaction.
 */
@Singleton
public class FleetRecorder {

    private final SiteRepository sites;
    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final StateTracker tracker;
    private final FleetMetrics metrics;

    FleetRecorder(
            SiteRepository sites,
            JdbcOperations jdbc,
            JsonMapper json,
            StateTracker tracker,
            FleetMetrics metrics) {
        this.sites = sites;
        this.jdbc = jdbc;
        this.json = json;
        this.tracker = tracker;
        this.metrics = metrics;
    }

    /** Makes sure the site has a row, so any first message of a new site can be stored. */
    public void ensureSite(String siteId, Instant receivedAt) {
        sites.ensure(siteId, receivedAt);
    }

    /**
     * Makes sure every one of these sites has a row, in one statement: an ingest batch creates the sites of all its
     * messages at once. Ids are taken in sorted order, the order in which every instance locks site rows, so two
     * instances creating the same new sites wait for each other instead of deadlocking.
     */
    public void ensureSites(Collection<String> siteIds, Instant receivedAt) {
        if (siteIds.isEmpty()) {
            return;
        }
        String[] ids = siteIds.stream().distinct().sorted().toArray(String[]::new);
        jdbc.prepareStatement("""
                INSERT INTO site (id, connection, conn_seq, last_status_seq, created_at)
                SELECT id, 'UNKNOWN', -1, -1, ? FROM unnest(CAST(? AS text[])) AS ids (id) ORDER BY id
                ON CONFLICT (id) DO NOTHING""", ps -> {
            ps.setTimestamp(1, Timestamp.from(receivedAt));
            ps.setArray(2, ps.getConnection().createArrayOf("text", ids));
            return ps.executeUpdate();
        });
    }

    /** @return false when the message belongs to a connection older than the one stored */
    public boolean onState(StateMessage message, Instant receivedAt) {
        if (message.state() == ConnectionState.OFFLINE) {
            boolean applied = sites.applyWill(message.siteId(), message.connSeq(), receivedAt) > 0;
            if (applied) {
                tracker.changed(message.siteId());
            }
            return applied;
        }
        metrics.lag(Duration.between(message.occurredAt(), receivedAt));
        Optional<SiteDescriptor> site = Optional.ofNullable(message.site());
        boolean applied = sites.applyBirth(
                        message.siteId(),
                        message.connSeq(),
                        receivedAt,
                        site.map(SiteDescriptor::name).orElse(null),
                        site.map(s -> s.kind().name()).orElse(null),
                        site.map(SiteDescriptor::inseeCode).orElse(null),
                        site.map(SiteDescriptor::latitude).orElse(null),
                        site.map(SiteDescriptor::longitude).orElse(null),
                        message.agentVersion())
                > 0;
        if (applied) {
            tracker.heard(message.siteId());
        }
        return applied;
    }

    /**
     * Applies a status snapshot: one statement when it changes no recorded state (the common heartbeat), the
     * site re-evaluated when it does. Needs no {@link #ensureSite} first: the statement creates the site row.
     *
     * @return false when a later snapshot of the site was applied already
     */
    public boolean onStatus(StatusMessage message, Instant receivedAt) {
        return tracker.status(snapshot(message, receivedAt));
    }

    /**
     * Applies consecutive status snapshots of an ingest batch (sorted by site) as {@link #onStatus} applies each in
     * turn, in a statement per round of distinct sites instead of one per snapshot.
     *
     * @param receivedAt when each message was received, in the same order
     * @return for each message, false when a later snapshot of its site was applied already
     */
    public List<Boolean> onStatuses(List<StatusMessage> messages, List<Instant> receivedAt) {
        List<StateTracker.Snapshot> snapshots = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            snapshots.add(snapshot(messages.get(i), receivedAt.get(i)));
        }
        return tracker.statuses(snapshots);
    }

    private StateTracker.Snapshot snapshot(StatusMessage message, Instant receivedAt) {
        metrics.lag(Duration.between(message.occurredAt(), receivedAt));
        // One reading per device: the last one wins, as it would if the readings were applied in turn.
        Map<String, StateTracker.Probe> probes = new LinkedHashMap<>();
        for (ProbeReading probe : message.probes()) {
            probes.put(probe.deviceId(), new StateTracker.Probe(probe.deviceId(), probe.kind().name(),
                    probe.health().name(), probe.detail(), toJson(probe)));
        }
        return new StateTracker.Snapshot(message.siteId(), message.seq(), message.overall(),
                receivedAt, message.occurredAt(), message.heartbeatSeconds(), List.copyOf(probes.values()));
    }

    private String toJson(ProbeReading probe) {
        try {
            return json.writeValueAsString(probe.measurements());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write measurements of " + probe.deviceId(), e);
        }
    }
}
