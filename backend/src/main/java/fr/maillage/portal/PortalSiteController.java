package fr.maillage.portal;

import fr.maillage.fleet.SiteRepository;
import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import fr.maillage.security.SiteScopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The site page's activity chart: sessions per week. */
@Controller("/api/portal/sites")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
class PortalSiteController {

    private static final int MAX_WEEKS = 260;

    private final PortalQueries queries;
    private final SiteRepository sites;
    private final SiteScopes scopes;
    private final Clock clock = Clock.systemUTC();

    PortalSiteController(PortalQueries queries, SiteRepository sites, SiteScopes scopes) {
        this.queries = queries;
        this.sites = sites;
        this.scopes = scopes;
    }

    /** @param weeks how many weeks back from now, 26 by default */
    @Get("/{id}/weekly-sessions")
    List<PortalQueries.WeeklySessions> weeklySessions(@PathVariable String id, @Nullable @QueryValue Integer weeks,
            Authentication user) throws SQLException {
        int span = weeks == null ? 26 : weeks;
        if (span < 1 || span > MAX_WEEKS) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "weeks must be from 1 to " + MAX_WEEKS);
        }
        if (!sites.existsById(id)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no site has the id " + id);
        }
        // a site's weekly counts are small numbers about its patients: only for those who watch the site
        if (!scopes.covers(Scope.of(user), id)) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "this account may not see the activity of site " + id);
        }
        return queries.weeklySessions(id, clock.instant().minus(Duration.ofDays(7L * span)));
    }
}
