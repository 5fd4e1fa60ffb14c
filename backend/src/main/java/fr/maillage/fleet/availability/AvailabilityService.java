package fr.maillage.fleet.availability;

import fr.maillage.contract.SiteKind;
import fr.maillage.fleet.SiteState;
import fr.maillage.fleet.state.Hysteresis.Interval;
import fr.maillage.fleet.state.StateTracker;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a subject's state intervals, adds the one still open, and computes its availability. */
@Singleton
public class AvailabilityService {

    private final JdbcOperations jdbc;
    private final OpeningHoursPolicy hours;
    private final Clock clock;

    AvailabilityService(JdbcOperations jdbc, OpeningHoursPolicy hours, Clock clock) {
        this.jdbc = jdbc;
        this.hours = hours;
        this.clock = clock;
    }

    private record Subject(OpeningHours hours, SiteState state, Instant since) {}

    /** @return empty when the site, or the device at the site, does not exist */
    @Transactional(readOnly = true)
    public Optional<AvailabilityReport> report(
            String siteId, String deviceId, LocalDate from, LocalDate to, Granularity granularity) {
        Subject subject = subject(siteId, deviceId);
        if (subject == null) {
            return Optional.empty();
        }
        ZoneId zone = hours.zone();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        List<Interval> intervals = jdbc.prepareStatement("""
                SELECT state, started_at, ended_at, reason FROM site_state_interval
                WHERE site_id = ? AND device_id = ? AND ended_at > ? AND started_at < ? ORDER BY started_at""", ps -> {
            ps.setString(1, siteId);
            ps.setString(2, deviceId);
            ps.setTimestamp(3, Timestamp.from(start));
            ps.setTimestamp(4, Timestamp.from(end));
            List<Interval> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Interval(SiteState.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant(), rs.getString(4)));
                }
            }
            return rows;
        });
        if (subject.since() != null && subject.since().isBefore(now)) {
            intervals.add(new Interval(subject.state(), subject.since(), now, null));
        }
        List<Availability> computed =
                AvailabilityCalculator.compute(intervals, subject.hours(), zone, from, to, granularity, now);
        return Optional.of(new AvailabilityReport(
                siteId,
                deviceId.equals(StateTracker.SITE) ? null : deviceId,
                subject.hours().toString(),
                zone.getId(),
                granularity,
                computed.subList(0, computed.size() - 1),
                computed.getLast()));
    }

    private Subject subject(String siteId, String deviceId) {
        boolean site = deviceId.equals(StateTracker.SITE);
        String sql = site
                ? "SELECT s.opening_hours, s.kind, s.state, s.state_since FROM site s WHERE s.id = ?"
                : """
                  SELECT s.opening_hours, s.kind, d.state, d.state_since FROM site s
                  JOIN site_device d ON d.site_id = s.id WHERE s.id = ? AND d.device_id = ?""";
        return jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, siteId);
            if (!site) {
                ps.setString(2, deviceId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String kind = rs.getString(2);
                Timestamp since = rs.getTimestamp(4);
                return new Subject(
                        hours.of(rs.getString(1), kind == null ? null : SiteKind.valueOf(kind)),
                        SiteState.valueOf(rs.getString(3)),
                        since == null ? null : since.toInstant());
            }
        });
    }

    /** Sets or clears (null) a site's own opening hours. @return false when the site does not exist */
    @Transactional
    public boolean setOpeningHours(String siteId, String openingHours) {
        return jdbc.prepareStatement("UPDATE site SET opening_hours = ? WHERE id = ?", ps -> {
            ps.setString(1, openingHours);
            ps.setString(2, siteId);
            return ps.executeUpdate();
        }) > 0;
    }
}
