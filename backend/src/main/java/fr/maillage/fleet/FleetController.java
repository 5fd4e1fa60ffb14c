package fr.maillage.fleet;

import fr.maillage.contract.SiteKind;
import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.List;

/** The coordinator's view of a territory's fleet now: counts by state and the sites, within the user's scope. */
@Controller("/api/fleet")
@Secured({Roles.COORDINATOR, Roles.ADMIN})
class FleetController {

    private final SiteFinder finder;

    FleetController(SiteFinder finder) {
        this.finder = finder;
    }

    /**
     * @param departement a département code (52, 2A, 971)
     * @param epci an EPCI SIREN
     * @param commune a commune INSEE code
     * @param kind a site kind
     * @param state a recorded state; narrows the sites listed, not the summary
     */
    @Get
    FleetView fleet(
            Authentication user,
            @QueryValue @Nullable String departement,
            @QueryValue @Nullable String epci,
            @QueryValue @Nullable String commune,
            @QueryValue @Nullable SiteKind kind,
            @QueryValue @Nullable SiteState state) {
        SiteFilter filter = filter(departement, epci, commune, kind, state);
        List<Site> territory = finder.find(filter.anyState(), Scope.of(user));
        return new FleetView(
                FleetView.Summary.of(territory),
                territory.stream()
                        .filter(site -> state == null || site.state() == state)
                        .map(SiteView::of)
                        .toList());
    }

    /** The filter of the query, or a 400 that names the malformed parameter. */
    static SiteFilter filter(
            @Nullable String departement,
            @Nullable String epci,
            @Nullable String commune,
            @Nullable SiteKind kind,
            @Nullable SiteState state) {
        try {
            return new SiteFilter(departement, epci, commune, kind, state);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
