package fr.maillage.fleet.state;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-evaluates, every sweep interval, the sites that no message will re-evaluate: those that have gone
 * silent (half-open connections send no Will) and those whose recovery waits to be confirmed. Silence is judged
 * on the backend's clock against the last receive time, never on agent clocks.
 */
@Singleton
class StateSweeper {

    private static final Logger log = LoggerFactory.getLogger(StateSweeper.class);

    private final StateTracker tracker;

    StateSweeper(StateTracker tracker) {
        this.tracker = tracker;
    }

    @Scheduled(fixedDelay = "${maillage.fleet.sweep-interval:5s}", initialDelay = "${maillage.fleet.sweep-interval:5s}")
    void sweep() {
        for (String siteId : tracker.watched()) {
            try {
                tracker.sweep(siteId);
            } catch (RuntimeException e) {
                // One site's failure must not stop the others; the next sweep tries it again.
                log.warn("cannot re-evaluate site [site: {}]", siteId, e);
            }
        }
    }
}
