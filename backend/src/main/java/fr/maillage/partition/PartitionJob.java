package fr.maillage.partition;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the partitions of the current month and of {@code months-ahead} months after it in place: at start-up
 * (an instance stopped for months catches up before its ingest writes) and every night.
 */
@Singleton
@Requires(property = "maillage.partitions.enabled", notEquals = "false")
class PartitionJob {

    private static final Logger log = LoggerFactory.getLogger(PartitionJob.class);

    private final MonthlyPartitions partitions;
    private final PartitionConfiguration configuration;
    private final Clock clock;

    PartitionJob(MonthlyPartitions partitions, PartitionConfiguration configuration, Clock clock) {
        this.partitions = partitions;
        this.configuration = configuration;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        run();
    }

    @Scheduled(cron = "0 15 2 * * *")
    void nightly() {
        run();
    }

    void run() {
        YearMonth now = MonthlyPartitions.monthOf(clock.instant());
        for (MonthlyPartitions.Table table : MonthlyPartitions.TABLES) {
            List<YearMonth> created = partitions.ensure(table, now, now.plusMonths(configuration.monthsAhead()));
            if (!created.isEmpty()) {
                log.info("monthly partitions created [table: {}, months: {}]", table.name(), created);
            }
        }
    }
}
