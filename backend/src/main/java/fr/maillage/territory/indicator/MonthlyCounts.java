package fr.maillage.territory.indicator;

import fr.maillage.partition.MonthlyPartitions;
import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@code encounter_monthly_count} (V82) from the daily counts: the closed months marked stale, every hour, and
 * every closed month each night (what the marks cannot see: a re-imported commune file, a site that moved commune).
 */
@Singleton
@Requires(property = "maillage.territory.monthly-counts.enabled", notEquals = "false")
public class MonthlyCounts {

    private static final Logger log = LoggerFactory.getLogger(MonthlyCounts.class);

    /** Each dimension's category of a daily row, as the indicators name it. */
    private static final String DIMENSIONS = """
            CROSS JOIN LATERAL (VALUES ('REGULAR_DOCTOR', coalesce(upper(d.has_regular_doctor::text), 'UNKNOWN')),
                                       ('REASON', coalesce(d.recourse_reason, 'UNKNOWN')),
                                       ('AGE_BAND', coalesce(d.age_band, 'UNKNOWN')),
                                       ('OUTCOME', coalesce(d.outcome, 'UNKNOWN'))) AS x (dimension, category)
            """;
    /** The commune a daily row is placed in, former codes resolved as the daily path resolves them. */
    private static final String BY_RESIDENCE = """
            FROM encounter_daily_count d
            LEFT JOIN commune_former_code f ON f.former_code = d.residence_insee_code
            JOIN commune c ON c.insee_code = coalesce(f.insee_code, d.residence_insee_code)
            """;
    private static final String BY_SITE = """
            FROM encounter_daily_count d
            JOIN site s ON s.id = d.site_id
            LEFT JOIN commune_former_code f ON f.former_code = s.insee_code
            JOIN commune c ON c.insee_code = coalesce(f.insee_code, s.insee_code)
            """;

    private final DataSource dataSource;
    private final Clock clock;

    MonthlyCounts(DataSource dataSource, DataSourceResolver resolver, Clock clock) {
        this.dataSource = resolver.resolve(dataSource);
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "2m")
    void hourly() throws SQLException {
        rebuild(false);
    }

    @Scheduled(cron = "0 45 3 * * *")
    void nightly() throws SQLException {
        rebuild(true);
    }

    /**
     * Rebuilds the stale closed months (with {@code all}, every built one too), in one transaction.
     *
     * @return the months rebuilt
     */
    public List<LocalDate> rebuild(boolean all) throws SQLException {
        LocalDate current = LocalDate.now(clock.withZone(MonthlyPartitions.FRANCE)).withDayOfMonth(1);
        List<LocalDate> months = new ArrayList<>();
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    // waits for the writers in flight and holds new ones until the commit: every change of the
                    // daily counts is then either in what is read below or marks its month stale again after it
                    s.execute("LOCK TABLE encounter_daily_count IN SHARE MODE");
                    if (all) {
                        s.execute("INSERT INTO encounter_monthly_stale (month) SELECT month FROM encounter_monthly_built");
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM encounter_monthly_stale WHERE month < ? RETURNING month")) {
                    s.setObject(1, current);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            LocalDate month = rs.getObject(1, LocalDate.class);
                            if (!months.contains(month)) {
                                months.add(month);
                            }
                        }
                    }
                }
                for (LocalDate month : months) {
                    build(c, month);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        if (!months.isEmpty()) {
            log.info("monthly counts rebuilt [months: {}, in: {} ms]", months.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return months;
    }

    private static void build(Connection c, LocalDate month) throws SQLException {
        update(c, "DELETE FROM encounter_monthly_count WHERE month = ?", month);
        for (String placement : List.of("RESIDENCE", "SITE")) {
            update(c, "INSERT INTO encounter_monthly_count (month, placement, departement, dimension, category,"
                    + " sessions, satisfaction_sum, satisfaction_answers)"
                    + " SELECT ?::date, '" + placement + "', c.departement, x.dimension, x.category, sum(d.sessions),"
                    + " sum(d.satisfaction_sum), sum(d.satisfaction_answers) "
                    + (placement.equals("RESIDENCE") ? BY_RESIDENCE : BY_SITE) + DIMENSIONS
                    + " WHERE d.status = 'finished' AND d.day >= ?::date AND d.day < ?::date"
                    + " GROUP BY c.departement, x.dimension, x.category HAVING sum(d.sessions) > 0",
                    month, month, month.plusMonths(1));
        }
        update(c, "INSERT INTO encounter_monthly_built (month, built_at) VALUES (?, now())"
                + " ON CONFLICT (month) DO UPDATE SET built_at = excluded.built_at", month);
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }
}
