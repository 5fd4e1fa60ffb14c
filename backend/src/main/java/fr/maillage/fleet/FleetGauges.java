package fr.maillage.fleet;

import fr.maillage.fleet.incident.Rule;
import io.micrometer.core.instrument.Tags;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refreshes the fleet gauges from the database every metrics-refresh, so a Prometheus scrape never queries the
 * database and every instance reports the same fleet. Every rule has a series, at 0 when nothing is open.
 */
@Singleton
class FleetGauges {

    private static final String NONE = "none";

    private final JdbcOperations jdbc;
    private final FleetMetrics metrics;
    private final Clock clock;

    FleetGauges(JdbcOperations jdbc, FleetMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${maillage.fleet.metrics-refresh:30s}", initialDelay = "1s")
    @Transactional(readOnly = true)
    public void refresh() {
        Map<List<String>, Double> sites = new HashMap<>();
        Map<String, Double> backlog = new HashMap<>();
        jdbc.prepareStatement("""
                SELECT s.insee_code, s.state, d.measurements ->> 'backlog'
                FROM site s LEFT JOIN site_device d ON d.site_id = s.id AND d.kind = 'AGENT'""", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String departement = departement(rs.getString(1));
                    sites.merge(List.of(departement, SiteState.valueOf(rs.getString(2)).name()), 1.0, Double::sum);
                    String pending = rs.getString(3);
                    backlog.merge(departement, pending == null ? 0.0 : Double.parseDouble(pending), Double::sum);
                }
            }
            return null;
        });
        Map<Rule, Double> open = new EnumMap<>(Rule.class);
        for (Rule rule : Rule.values()) {
            open.put(rule, 0.0);
        }
        jdbc.prepareStatement("SELECT rule, count(*) FROM incident WHERE resolved_at IS NULL GROUP BY rule", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.put(Rule.valueOf(rs.getString(1)), (double) rs.getLong(2));
                }
            }
            return null;
        });
        Map<String, Double> sessions = new HashMap<>();
        jdbc.prepareStatement("""
                SELECT s.insee_code, count(*) FROM encounter e JOIN site s ON s.id = e.site_id
                WHERE e.period_start >= ? GROUP BY s.insee_code""", ps -> {
            ps.setTimestamp(1, Timestamp.from(clock.instant().minus(Duration.ofDays(1))));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.merge(departement(rs.getString(1)), (double) rs.getLong(2), Double::sum);
                }
            }
            return null;
        });

        List<FleetMetrics.Row> siteRows = new ArrayList<>();
        sites.forEach((key, count) -> siteRows.add(new FleetMetrics.Row(
                Tags.of("departement", key.get(0), "state", FleetMetrics.tag(SiteState.valueOf(key.get(1)))), count)));
        List<FleetMetrics.Row> incidentRows = new ArrayList<>();
        open.forEach((rule, count) -> incidentRows.add(
                new FleetMetrics.Row(Tags.of("rule", FleetMetrics.tag(rule)), count)));
        List<FleetMetrics.Row> backlogRows = new ArrayList<>();
        backlog.forEach((departement, pending) -> backlogRows.add(
                new FleetMetrics.Row(Tags.of("departement", departement), pending)));
        List<FleetMetrics.Row> sessionRows = new ArrayList<>();
        sessions.forEach((departement, count) -> sessionRows.add(
                new FleetMetrics.Row(Tags.of("departement", departement), count)));
        metrics.snapshot(siteRows, incidentRows, backlogRows, sessionRows);
    }

    private static String departement(String inseeCode) {
        String code = Departement.of(inseeCode);
        return code == null ? NONE : code;
    }
}
