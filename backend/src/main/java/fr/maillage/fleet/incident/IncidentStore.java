package fr.maillage.fleet.incident;

import fr.maillage.fleet.Departement;
import fr.maillage.fleet.FleetMetrics;
import fr.maillage.fleet.alert.AlertOutbox;
import fr.maillage.fleet.state.StateTracker;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incidents in the database: opened and resolved from the rules' findings (one open incident per site, device and
 * rule), escalated when unacknowledged too long, acknowledged and commented by coordinators. Every opening,
 * escalation and resolution queues its notifications in the same transaction.
 */
@Singleton
public class IncidentStore {

    private static final Logger log = LoggerFactory.getLogger(IncidentStore.class);
    private static final String SELECT = """
            SELECT i.id, i.site_id, s.name, s.insee_code, i.device_id, i.rule, i.detail, i.opened_at, i.resolved_at,
                i.escalated_at, i.acknowledged_at, i.acknowledged_by
            FROM incident i JOIN site s ON s.id = i.site_id""";

    /** An open incident's identity: deduplication is on these. */
    record Key(Rule rule, String deviceId) {}

    /** What became of an incident, for its notifications. */
    public enum Event {
        OPENED,
        ESCALATED,
        RESOLVED
    }

    private final JdbcOperations jdbc;
    private final AlertOutbox outbox;
    private final FleetMetrics metrics;

    IncidentStore(JdbcOperations jdbc, AlertOutbox outbox, FleetMetrics metrics) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** The sites that have an open incident, so that the sweep reconciles only where something may change. */
    @Transactional(readOnly = true)
    public Set<String> sitesWithOpenIncidents() {
        return jdbc.prepareStatement("SELECT DISTINCT site_id FROM incident WHERE resolved_at IS NULL", ps -> {
            Set<String> ids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    /** Opens what fires and is not open, resolves what is open and no longer fires, escalates what waited. */
    @Transactional
    public void reconcile(String siteId, List<Finding> findings, RuleSettings rules, Instant now) {
        List<IncidentView> open = query(SELECT + " WHERE i.site_id = ? AND i.resolved_at IS NULL FOR UPDATE OF i",
                List.of(siteId));
        Set<Key> firing = findings.stream().map(f -> new Key(f.rule(), f.deviceId())).collect(Collectors.toSet());
        for (IncidentView incident : open) {
            Key key = new Key(incident.rule(), incident.deviceId() == null ? StateTracker.SITE : incident.deviceId());
            if (!firing.contains(key)) {
                update("UPDATE incident SET resolved_at = ? WHERE id = ?", now, incident.id());
                outbox.enqueue(reload(incident.id()), Event.RESOLVED, rules, now);
                log.debug("incident resolved [site: {}, rule: {}, id: {}]", siteId, incident.rule(), incident.id());
            } else if (incident.escalatedAt() == null && incident.acknowledgedAt() == null
                    && !incident.openedAt().plus(rules.escalateAfter()).isAfter(now)) {
                update("UPDATE incident SET escalated_at = ? WHERE id = ?", now, incident.id());
                outbox.enqueue(reload(incident.id()), Event.ESCALATED, rules, now);
            }
        }
        Set<Key> alreadyOpen = open.stream()
                .map(i -> new Key(i.rule(), i.deviceId() == null ? StateTracker.SITE : i.deviceId()))
                .collect(Collectors.toSet());
        for (Finding finding : findings) {
            if (alreadyOpen.contains(new Key(finding.rule(), finding.deviceId()))) {
                continue;
            }
            Long id = jdbc.prepareStatement("""
                    INSERT INTO incident (site_id, device_id, rule, detail, opened_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (site_id, device_id, rule) WHERE resolved_at IS NULL DO NOTHING
                    RETURNING id""", ps -> {
                ps.setString(1, siteId);
                ps.setString(2, finding.deviceId());
                ps.setString(3, finding.rule().name());
                ps.setString(4, finding.detail());
                ps.setTimestamp(5, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            });
            if (id != null) {
                metrics.incidentOpened(finding.rule());
                outbox.enqueue(reload(id), Event.OPENED, rules, now);
                log.debug("incident opened [site: {}, rule: {}, id: {}]", siteId, finding.rule(), id);
            }
        }
    }

    /**
     * @param state {@code open}, {@code resolved} or null for both
     * @param departement a département code, matched against the start of the site's INSEE code
     * @param siteCondition an SQL condition on {@code i.site_id} (the reader's scope), with its parameters
     */
    @Transactional(readOnly = true)
    public List<IncidentView> find(
            @Nullable String state, @Nullable String siteId, @Nullable String departement, @Nullable Rule rule,
            String siteCondition, List<Object> conditionValues, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE (").append(siteCondition).append(")");
        List<Object> parameters = new ArrayList<>(conditionValues);
        if ("open".equals(state)) {
            sql.append(" AND i.resolved_at IS NULL");
        } else if ("resolved".equals(state)) {
            sql.append(" AND i.resolved_at IS NOT NULL");
        }
        if (siteId != null) {
            sql.append(" AND i.site_id = ?");
            parameters.add(siteId);
        }
        if (departement != null) {
            sql.append(" AND starts_with(s.insee_code, ?)");
            parameters.add(departement);
        }
        if (rule != null) {
            sql.append(" AND i.rule = ?");
            parameters.add(rule.name());
        }
        sql.append(" ORDER BY i.opened_at DESC, i.id DESC LIMIT ").append(limit);
        return query(sql.toString(), parameters);
    }

    @Transactional(readOnly = true)
    public Optional<IncidentView> find(long id) {
        return query(SELECT + " WHERE i.id = ?", List.of(id)).stream().findFirst();
    }

    /** Acknowledges an incident (the first acknowledgement is kept) and stops its escalation. */
    @Transactional
    public Optional<IncidentView> acknowledge(long id, String by, @Nullable String comment, Instant now) {
        int updated = jdbc.prepareStatement("""
                UPDATE incident SET acknowledged_at = COALESCE(acknowledged_at, ?),
                    acknowledged_by = COALESCE(acknowledged_by, ?) WHERE id = ?""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, by);
            ps.setLong(3, id);
            return ps.executeUpdate();
        });
        if (updated == 0) {
            return Optional.empty();
        }
        if (comment != null && !comment.isBlank()) {
            insertComment(id, by, comment, now);
        }
        return find(id);
    }

    @Transactional
    public Optional<IncidentComment> comment(long id, String author, String body, Instant now) {
        if (find(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(insertComment(id, author, body, now));
    }

    @Transactional(readOnly = true)
    public List<IncidentComment> comments(long id) {
        return jdbc.prepareStatement("""
                SELECT id, author, body, created_at FROM incident_comment WHERE incident_id = ?
                ORDER BY created_at, id""", ps -> {
            ps.setLong(1, id);
            List<IncidentComment> comments = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    comments.add(new IncidentComment(
                            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
                }
            }
            return comments;
        });
    }

    private IncidentComment insertComment(long id, String author, String body, Instant now) {
        long commentId = jdbc.prepareStatement("""
                INSERT INTO incident_comment (incident_id, author, body, created_at) VALUES (?, ?, ?, ?)
                RETURNING id""", ps -> {
            ps.setLong(1, id);
            ps.setString(2, author);
            ps.setString(3, body);
            ps.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return new IncidentComment(commentId, author, body, now);
    }

    private IncidentView reload(long id) {
        return query(SELECT + " WHERE i.id = ?", List.of(id)).getFirst();
    }

    private void update(String sql, Instant at, long id) {
        jdbc.prepareStatement(sql, ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
    }

    private List<IncidentView> query(String sql, List<?> parameters) {
        return jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setObject(i + 1, parameters.get(i));
            }
            List<IncidentView> incidents = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    incidents.add(incident(rs));
                }
            }
            return incidents;
        });
    }

    private static IncidentView incident(ResultSet rs) throws SQLException {
        String deviceId = rs.getString(5);
        return new IncidentView(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                Departement.of(rs.getString(4)),
                deviceId.equals(StateTracker.SITE) ? null : deviceId,
                Rule.valueOf(rs.getString(6)),
                rs.getString(7),
                rs.getTimestamp(8).toInstant(),
                instant(rs, 9),
                instant(rs, 10),
                instant(rs, 11),
                rs.getString(12));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
