package fr.maillage.fleet;

import fr.maillage.contract.SiteKind;
import fr.maillage.security.InScope;
import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.List;

/** The fleet as the portal and coordinators read it: each user sees the sites of its scope only. */
@Controller("/api/sites")
@Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
class SitesController {

    private final SiteRepository sites;
    private final SiteDeviceRepository devices;
    private final SiteFinder finder;

    SitesController(SiteRepository sites, SiteDeviceRepository devices, SiteFinder finder) {
        this.sites = sites;
        this.devices = devices;
        this.finder = finder;
    }

    /**
     * Every site with its state now, optionally filtered (the coordinator's view of a territory).
     *
     * @param departement a département code (52, 2A, 971), matched against the site's INSEE code
     * @param epci an EPCI SIREN
     * @param commune a commune INSEE code
     * @param kind a site kind
     * @param state a recorded state
     */
    @Get
    List<SiteView> list(
            Authentication user,
            @QueryValue @Nullable String departement,
            @QueryValue @Nullable String epci,
            @QueryValue @Nullable String commune,
            @QueryValue @Nullable SiteKind kind,
            @QueryValue @Nullable SiteState state) {
        return finder.find(FleetController.filter(departement, epci, commune, kind, state), Scope.of(user)).stream()
                .map(SiteView::of)
                .toList();
    }

    @Get("/{id}")
    @InScope(site = "id")
    SiteDetailView one(@PathVariable String id) {
        return sites.findById(id)
                .map(site -> new SiteDetailView(
                        SiteView.of(site),
                        devices.findBySite(id).stream().map(DeviceView::of).toList()))
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no site has the id " + id));
    }
}
