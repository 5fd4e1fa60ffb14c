package fr.maillage.territory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.partition.MonthlyPartitions;
import fr.maillage.support.BenchmarkReport;
import fr.maillage.territory.indicator.IndicatorService;
import fr.maillage.territory.indicator.MonthlyCounts;
import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritoryIndicators;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The benchmark at the three départements' scale: all indicators over one year of 100,000 simulated
 * sessions from 60 sites (target: under 200 ms). It prints what it measured and asserts only that the figures are
 * right (table printed, CSV in {@code target/benchmarks/territory-benchmark.csv}); it runs on demand, not in the
 * normal build:
 * {@code ./mvnw -pl backend -am verify -Dtest=none -Dit.test=TerritoryBenchmarkIT -Dterritory.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@MicronautTest(transactional = false)
@EnabledIfSystemProperty(named = "territory.bench", matches = "true")
class TerritoryBenchmarkIT extends TerritoryServers {

    private static final int SESSIONS = 100_000;

    @Inject IndicatorService indicators;
    @Inject MonthlyCounts monthly;
    @Inject DataSource contextualDataSource;
    @Inject MonthlyPartitions partitions;
    @Inject DataSourceResolver dataSources;

    @BeforeAll
    void oneYearOfActivity() throws Exception {
        // the year's months, as the migration makes them for the rows a database already holds
        partitions.ensure(MonthlyPartitions.ENCOUNTER, YearMonth.of(2025, 1), YearMonth.of(2025, 12));
        try (Connection c = dataSources.resolve(contextualDataSource).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO site (id, name, kind, insee_code, connection, conn_seq, last_status_seq, created_at)
                    SELECT 'bench-' || n, 'bench ' || n, (ARRAY['CABIN','HEALTH_CENTRE','PHARMACY'])[1 + n % 3],
                           insee_code, 'ONLINE', 1, 0, now()
                    FROM (SELECT insee_code, row_number() OVER (ORDER BY population DESC) AS n FROM commune) c
                    WHERE n <= 60
                    """);
            try (PreparedStatement insert = c.prepareStatement("""
                    WITH communes AS (SELECT array_agg(insee_code ORDER BY insee_code) AS codes FROM commune)
                    INSERT INTO encounter (id, site_id, status, period_start, residence_insee_code, age_band,
                        has_regular_doctor, recourse_reason, outcome, satisfaction, version_id, resource, updated_at)
                    SELECT gen_random_uuid(), 'bench-' || (1 + i % 60), 'finished',
                           timestamptz '2025-01-01 08:00+01' + (i % 365) * interval '1 day',
                           codes[1 + (i * 7919) % cardinality(codes)],
                           (ARRAY['AGE_0_14','AGE_15_29','AGE_30_44','AGE_45_59','AGE_60_74','AGE_75_89'])[1 + i % 6],
                           i % 4 <> 0,
                           (ARRAY['NO_REGULAR_DOCTOR','NO_APPOINTMENT_IN_TIME','OUT_OF_HOURS','PATIENT_PREFERENCE'])[1 + i % 4],
                           (ARRAY['PRESCRIPTION','ADVICE_ONLY','REFERRAL'])[1 + i % 3],
                           5 + i % 6, 1, '{}'::jsonb, now()
                    FROM communes, generate_series(1, ?) AS i
                    """)) {
                insert.setInt(1, SESSIONS);
                insert.executeUpdate();
            }
            s.execute("ANALYZE encounter");
            // what autovacuum does to a table filled over a year: statistics, and the visibility map that lets the
            // indicators read the daily counts by index only
            s.execute("VACUUM (ANALYZE) encounter_daily_count");
        }
        monthly.rebuild(false);
    }

    @Test
    void allIndicatorsOfTheThreeDepartementsOverAYear() throws Exception {
        TerritorySelection network = TerritorySelection.parse("departements", "52,54,55");
        Period year = new Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
        TerritoryIndicators result = indicators.indicators(network, year);
        double[] millis = new double[15];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            indicators.indicators(network, year);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        new BenchmarkReport("Territory benchmark: 3 départements, " + SESSIONS + " sessions over 2025")
                .add("all indicators, départements 52,54,55, one year", millis, "< 200 ms")
                .note("closed months read from encounter_monthly_count; load average while measuring: " + BenchmarkReport.loadAverage())
                .publish("territory-benchmark");

        assertThat(result.byResidence().teleconsultations().value()).isEqualTo((double) SESSIONS);
        assertThat(result.bySite().teleconsultations().value()).isEqualTo((double) SESSIONS);
    }
}
