package fr.maillage.fleet;

import fr.maillage.contract.SiteKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.List;

/** The fleet as the portal and coordinators read it. */
@Controller("/api/sites")
class SitesController {

    private final SiteRepository sites;
    private final SiteDeviceRepository devices;

    SitesController(SiteRepository sites, SiteDeviceRepository devices) {
        this.sites = sites;
        this.devices = devices;
    }

    /**
     * Every site with its state now, optionally filtered (the coordinator's view of a territory).
     *
     * @param departement a département code (52, 2A, 971), matched against the site's INSEE code
     * @param kind a site kind
     * @param state a recorded state
     */
    @Get
    List<SiteView> list(
            @QueryValue @Nullable String departement,
            @QueryValue @Nullable SiteKind kind,
            @QueryValue @Nullable SiteState state) {
        return sites.listOrderById().stream()
                .filter(site -> departement == null || departement.equalsIgnoreCase(Departement.of(site.inseeCode())))
                .filter(site -> kind == null || kind == site.kind())
                .filter(site -> state == null || state == site.state())
                .map(SiteView::of)
                .toList();
    }

    @Get("/{id}")
    SiteDetailView one(@PathVariable String id) {
        return sites.findById(id)
                .map(site -> new SiteDetailView(
                        SiteView.of(site),
                        devices.findBySite(id).stream().map(DeviceView::of).toList()))
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no site has the id " + id));
    }
}
