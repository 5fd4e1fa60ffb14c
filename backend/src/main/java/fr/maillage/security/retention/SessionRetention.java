package fr.maillage.security.retention;

import fr.maillage.partition.MonthlyPartitions;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Folds the sessions older than the retention period into daily counts and deletes their rows (the Encounter and
 * its events), in one transaction: a count is never made without its rows going, nor rows deleted uncounted.
 */
@Singleton
public class SessionRetention {

    /** What one run did. */
    public record Outcome(Instant cutoff, int encountersPurged, int eventsPurged, int countRowsWritten) {}

    private final JdbcOperations jdbc;
    private final RetentionConfiguration configuration;
    private final MonthlyPartitions partitions;

    SessionRetention(JdbcOperations jdbc, RetentionConfiguration configuration, MonthlyPartitions partitions) {
        this.jdbc = jdbc;
        this.configuration = configuration;
        this.partitions = partitions;
    }

    /** The first instant whose sessions are kept in detail: midnight, {@code detailMonths} before today. */
    public Instant cutoff(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, configuration.zone());
        return today.minusMonths(configuration.detailMonths()).atStartOfDay(configuration.zone()).toInstant();
    }

    @Transactional
    public Outcome purge(Instant now) {
        Instant cutoff = cutoff(now);
        Timestamp before = Timestamp.from(cutoff);
        String zone = configuration.zone().getId();
        // a session arriving late for a day already folded adds to that day's count
        int counts = update("""
                INSERT INTO session_daily_count (day, site_id, residence_insee_code, status, sessions)
                SELECT (period_start AT TIME ZONE ?)::date, site_id, coalesce(residence_insee_code, ''), status, count(*)
                FROM encounter WHERE period_start < ?
                GROUP BY 1, 2, 3, 4
                ON CONFLICT (day, site_id, residence_insee_code, status)
                DO UPDATE SET sessions = session_daily_count.sessions + excluded.sessions""", zone, before);
        // the responses have no foreign key to their Encounter (see V90): they go first, by the Encounters' ids
        update("""
                DELETE FROM questionnaire_response
                WHERE encounter_id IN (SELECT id FROM encounter WHERE period_start < ?)""", before);
        int events = update("""
                DELETE FROM encounter_event WHERE encounter_id IN (SELECT id FROM encounter WHERE period_start < ?)""",
                before);
        update("DELETE FROM encounter_key WHERE id IN (SELECT id FROM encounter WHERE period_start < ?)", before);
        // whole months past the cutoff go as partitions (no row by row delete, no bloat), the rest row by row
        MonthlyPartitions.Dropped dropped = partitions.dropBefore(MonthlyPartitions.ENCOUNTER, cutoff);
        int encounters = Math.toIntExact(dropped.rows()) + update("DELETE FROM encounter WHERE period_start < ?", before);
        // a dropped partition fires no trigger: the indicator counts of its days (whole French months) go here
        dropped.upTo().ifPresent(upTo -> update("DELETE FROM encounter_daily_count WHERE day < ?",
                LocalDate.ofInstant(upTo, MonthlyPartitions.FRANCE)));
        return new Outcome(cutoff, encounters, events, counts);
    }

    private int update(String sql, Object... values) {
        return jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        });
    }
}
