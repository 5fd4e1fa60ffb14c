package fr.maillage.partition;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monthly partitions of the time-series tables. Months are French calendar months; the SQL functions
 * {@code create_month_partition} and {@code month_partitions} (Flyway {@code V80}) name and bound them, so the
 * migration and this class cannot disagree.
 */
@Singleton
public class MonthlyPartitions {

    /** A table partitioned by month on {@code keyColumn}. */
    public record Table(String name, String keyColumn) {}

    public static final Table ENCOUNTER = new Table("encounter", "period_start");
    public static final Table STATE_INTERVAL = new Table("site_state_interval", "started_at");
    static final List<Table> TABLES = List.of(ENCOUNTER, STATE_INTERVAL);

    public static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    /**
     * What dropping partitions did.
     *
     * @param rows rows of the partitions dropped
     * @param upTo the upper bound of the latest partition dropped, empty when none was
     */
    public record Dropped(long rows, Optional<Instant> upTo) {}

    private final JdbcOperations jdbc;

    MonthlyPartitions(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the partitions of {@code from} and the months after it up to {@code to}; returns those created. */
    @Transactional
    public List<YearMonth> ensure(Table table, YearMonth from, YearMonth to) {
        List<YearMonth> created = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            LocalDate first = month.atDay(1);
            boolean made = jdbc.prepareStatement("SELECT create_month_partition(?, ?, ?)", ps -> {
                ps.setString(1, table.name());
                ps.setString(2, table.keyColumn());
                ps.setObject(3, first);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            });
            if (made) {
                created.add(month);
            }
        }
        return created;
    }

    /**
     * Drops the partitions whose whole month lies before {@code cutoff}, in the caller's transaction. The caller
     * has kept what must survive of their rows (no trigger fires for a dropped partition) in the same transaction.
     */
    @Transactional
    public Dropped dropBefore(Table table, Instant cutoff) {
        List<String> names = new ArrayList<>();
        Instant upTo = jdbc.prepareStatement("""
                SELECT partition_name, upper_bound FROM month_partitions(?) WHERE upper_bound <= ? ORDER BY upper_bound""",
                ps -> {
                    ps.setString(1, table.name());
                    ps.setTimestamp(2, Timestamp.from(cutoff));
                    Instant latest = null;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            names.add(rs.getString(1));
                            latest = rs.getTimestamp(2).toInstant();
                        }
                    }
                    return latest;
                });
        long rows = 0;
        for (String name : names) {
            // names come from the catalogue and match ^table_[0-9]{4}_[0-9]{2}$
            rows += jdbc.prepareStatement("SELECT count(*) FROM " + name, ps -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            jdbc.prepareStatement("DROP TABLE " + name, ps -> ps.executeUpdate());
        }
        return new Dropped(rows, Optional.ofNullable(upTo));
    }

    /** The month an instant falls in, in French time. */
    static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atZone(FRANCE));
    }
}
