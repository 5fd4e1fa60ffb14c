package fr.maillage.fleet.alert;

import fr.maillage.fleet.FleetMetrics;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the due notifications of the outbox, every dispatch interval, and records each attempt. */
@Singleton
class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final AlertOutbox outbox;
    private final Map<FleetMetrics.Channel, Sender> senders = new EnumMap<>(FleetMetrics.Channel.class);
    private final FleetMetrics metrics;
    private final Clock clock;

    NotificationDispatcher(AlertOutbox outbox, List<Sender> senders, FleetMetrics metrics, Clock clock) {
        this.outbox = outbox;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${maillage.fleet.alerts.dispatch-interval:5s}")
    void dispatch() {
        for (AlertOutbox.Due due : outbox.claim(clock.instant())) {
            try {
                senders.get(due.channel()).send(due.id(), due.target(), due.payload());
                outbox.sent(due.id(), clock.instant());
                metrics.notification(due.channel(), FleetMetrics.Outcome.SENT);
            } catch (InterruptedException e) {
                // Left claimed: the lease expires and the notification is sent after the restart.
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                metrics.notification(due.channel(), FleetMetrics.Outcome.FAILED);
                boolean retry = outbox.failed(due, e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant());
                log.warn("alert not delivered [notification: {}, channel: {}, target: {}, attempt: {}, retry: {}, "
                        + "cause: {}]", due.id(), due.channel(), due.target(), due.attempts(), retry, e.getMessage());
            }
        }
    }
}
