package fr.maillage.portal;

import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import fr.maillage.security.SiteScopes;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Server-sent events of the map: every site once on connection (so a page that reconnects catches up), then
 * each change as it is seen, and a comment line now and then so proxies keep the stream open.
 */
@Controller("/api/portal/events")
@Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
class PortalEventsController {

    static final String SITE_EVENT = "site";
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    private final SiteStateFeed feed;
    private final SiteScopes scopes;
    private final PortalQueries queries;

    PortalEventsController(SiteStateFeed feed, SiteScopes scopes, PortalQueries queries) {
        this.feed = feed;
        this.scopes = scopes;
        this.queries = queries;
    }

    /** Only the sites of the user's scope: a coordinator follows a territory, an operator one site. */
    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    Publisher<Event<?>> events(Authentication user) throws SQLException {
        Predicate<SiteMarker> visible = VisibleSites.of(Scope.of(user), scopes, queries);
        // changes first, then the snapshot: a change seen in between is in both, never in neither
        Flux<Event<?>> sites = Flux.merge(feed.changes(), Flux.defer(() -> Flux.fromIterable(feed.snapshot())))
                .publishOn(Schedulers.boundedElastic())
                .filter(visible)
                .map(marker -> Event.of(marker).name(SITE_EVENT).id(marker.id()));
        Flux<Event<?>> keepAlive = Flux.interval(KEEP_ALIVE).map(tick -> Event.of("").comment("keep-alive"));
        return Flux.merge(sites, keepAlive);
    }
}
