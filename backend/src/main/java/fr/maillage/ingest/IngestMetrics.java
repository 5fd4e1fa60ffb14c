package fr.maillage.ingest;

import fr.maillage.contract.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;

/** The ingest's meters. Names are constants and tag values come from enums, so dashboards can rely on them. */
@Singleton
public class IngestMetrics {

    public static final String MESSAGES = "maillage.ingest.messages";
    public static final String DEAD_LETTERS = "maillage.ingest.dead.letters";
    public static final String PROCESSING = "maillage.ingest.processing";
    public static final String AGE = "maillage.ingest.age";
    public static final String DB_RETRIES = "maillage.ingest.db.retries";
    public static final String UNSTORED = "maillage.ingest.unstored";

    /** What became of an accepted message. */
    public enum Outcome {
        APPLIED,
        DUPLICATE,
        STALE
    }

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param processing from receipt to commit
     * @param age from the agent's {@code occurredAt} to commit: the delay from the site to the database (outbox,
     *     network, broker queue, ingest), plus the agent's clock error; negative counts as zero
     */
    void accepted(Channel channel, Outcome outcome, Duration processing, Duration age) {
        Counter.builder(MESSAGES)
                .description("Site messages accepted by the contract, by what applying them did")
                .tag("channel", tag(channel))
                .tag("outcome", tag(outcome))
                .register(registry)
                .increment();
        Timer.builder(PROCESSING)
                .description("Time from receipt to commit of a site message (its batch's commit)")
                .tag("channel", tag(channel))
                .publishPercentileHistogram()
                .register(registry)
                .record(processing);
        Timer.builder(AGE)
                .description("Time from the agent's occurredAt to commit of a site message (agent clock)")
                .tag("channel", tag(channel))
                .publishPercentileHistogram()
                .register(registry)
                .record(age.isNegative() ? Duration.ZERO : age);
    }

    void deadLettered(String reason) {
        Counter.builder(DEAD_LETTERS)
                .description("Messages kept in the dead letter, by reason")
                .tag("reason", reason.toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    void retried() {
        Counter.builder(DB_RETRIES)
                .description("Messages whose processing was retried because the database was unreachable")
                .register(registry)
                .increment();
    }

    void unstored() {
        Counter.builder(UNSTORED)
                .description("Messages the dead letter refused while the database answered, kept only in the log")
                .register(registry)
                .increment();
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
