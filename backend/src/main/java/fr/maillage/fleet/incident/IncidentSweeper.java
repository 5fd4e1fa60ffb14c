package fr.maillage.fleet.incident;

import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.SiteKind;
import fr.maillage.fleet.SiteState;
import fr.maillage.fleet.availability.OpeningHoursPolicy;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every site against its territory's rules, every evaluation interval, and reconciles its incidents. The
 * facts of the whole fleet are read in three queries; a site's incidents are touched only when a rule fires or an
 * incident is open.
 */
@Singleton
public class IncidentSweeper {

    private static final Logger log = LoggerFactory.getLogger(IncidentSweeper.class);

    private final JdbcOperations jdbc;
    private final IncidentStore incidents;
    private final RulePolicy rules;
    private final OpeningHoursPolicy hours;
    private final JsonMapper json;
    private final Clock clock;

    IncidentSweeper(
            JdbcOperations jdbc,
            IncidentStore incidents,
            RulePolicy rules,
            OpeningHoursPolicy hours,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.rules = rules;
        this.hours = hours;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelay = "${maillage.fleet.alerts.evaluation-interval:15s}",
            initialDelay = "${maillage.fleet.alerts.evaluation-interval:15s}")
    public void sweep() {
        Instant now = clock.instant();
        Set<String> withIncidents = incidents.sitesWithOpenIncidents();
        for (SiteFacts site : facts()) {
            try {
                RuleSettings settings = rules.forSite(site.inseeCode());
                List<Finding> findings = RuleEvaluator.evaluate(site, settings, hours.zone(), now);
                if (!findings.isEmpty() || withIncidents.contains(site.siteId())) {
                    incidents.reconcile(site.siteId(), findings, settings, now);
                }
            } catch (RuntimeException e) {
                // One site's failure must not hide the others' incidents; the next sweep tries it again.
                log.warn("cannot evaluate the rules of a site [site: {}]", site.siteId(), e);
            }
        }
    }

    /** Every site with its devices and latest session. */
    @Transactional(readOnly = true)
    public List<SiteFacts> facts() {
        Map<String, List<SiteFacts.DeviceFacts>> devices = new HashMap<>();
        jdbc.prepareStatement("SELECT site_id, device_id, kind, state, measurements::text FROM site_device", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devices.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new SiteFacts.DeviceFacts(
                            rs.getString(2), DeviceKind.valueOf(rs.getString(3)), SiteState.valueOf(rs.getString(4)),
                            measurements(rs.getString(5))));
                }
            }
            return null;
        });
        Map<String, Instant> lastSessions = new HashMap<>();
        jdbc.prepareStatement("SELECT site_id, max(period_start) FROM encounter GROUP BY site_id", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lastSessions.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
            return null;
        });
        return jdbc.prepareStatement("""
                SELECT id, insee_code, kind, opening_hours, state, state_since, state_reason, created_at FROM site""",
                ps -> {
                    List<SiteFacts> sites = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String id = rs.getString(1);
                            String kind = rs.getString(3);
                            Timestamp since = rs.getTimestamp(6);
                            sites.add(new SiteFacts(
                                    id,
                                    rs.getString(2),
                                    SiteState.valueOf(rs.getString(5)),
                                    since == null ? null : since.toInstant(),
                                    rs.getString(7),
                                    hours.of(rs.getString(4), kind == null ? null : SiteKind.valueOf(kind)),
                                    devices.getOrDefault(id, List.of()),
                                    lastSessions.get(id),
                                    rs.getTimestamp(8).toInstant()));
                        }
                    }
                    return sites;
                });
    }

    private Map<String, Double> measurements(String text) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> raw = json.readValue(text, Map.class);
            Map<String, Double> values = new HashMap<>();
            raw.forEach((key, value) -> {
                if (value instanceof Number number) {
                    values.put(key, number.doubleValue());
                }
            });
            return values;
        } catch (IOException e) {
            // Written by this backend from a validated message: unreadable means no usable measurement.
            return Map.of();
        }
    }
}
