package fr.maillage.security.retention;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the retention period every night (and an hour after start-up, so a stopped instance catches up). */
@Singleton
@Requires(property = "maillage.retention.enabled", notEquals = "false")
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final SessionRetention retention;
    private final Clock clock;

    RetentionJob(SessionRetention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(cron = "0 30 3 * * *")
    void nightly() {
        run();
    }

    @Scheduled(initialDelay = "1h")
    void afterStartUp() {
        run();
    }

    private void run() {
        SessionRetention.Outcome outcome = retention.purge(clock.instant());
        if (outcome.encountersPurged() > 0) {
            log.info("sessions past retention folded into daily counts [before: {}, encounters: {}, events: {}]",
                    outcome.cutoff(), outcome.encountersPurged(), outcome.eventsPurged());
        }
    }
}
