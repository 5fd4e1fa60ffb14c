package fr.maillage.portal;

import fr.maillage.fleet.SiteRepository;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Turns the site table into a stream of changes for open pages. Polling the table rather than hooking into the
 * ingest keeps the portal independent of how the fleet stores state, and works the same with several backend
 * instances (each sees what the others wrote).
 */
@Singleton
class SiteStateFeed {

    private static final Logger log = LoggerFactory.getLogger(SiteStateFeed.class);

    private final SiteRepository sites;
    private final Sinks.Many<SiteMarker> changes = Sinks.many().multicast().directBestEffort();
    private volatile Map<String, SiteMarker> current = Map.of();

    SiteStateFeed(SiteRepository sites) {
        this.sites = sites;
    }

    /** Every site as it is now. */
    List<SiteMarker> snapshot() {
        return List.copyOf(current.values());
    }

    /** Sites whose marker changed (new site, state, kind, name or place), from now on. */
    Flux<SiteMarker> changes() {
        return changes.asFlux();
    }

    @Scheduled(fixedDelay = "${maillage.portal.state-poll-interval:2s}", initialDelay = "1s")
    void poll() {
        Map<String, SiteMarker> next = new HashMap<>();
        sites.listOrderById().forEach(site -> next.put(site.id(), SiteMarker.of(site)));
        Map<String, SiteMarker> previous = current;
        current = next;
        next.values().stream()
                .filter(marker -> !marker.equals(previous.get(marker.id())))
                .forEach(marker -> {
                    log.debug("site marker changed [site: {}, state: {}]", marker.id(), marker.state());
                    changes.tryEmitNext(marker);
                });
    }

    @PreDestroy
    void close() {
        changes.tryEmitComplete();
    }
}
