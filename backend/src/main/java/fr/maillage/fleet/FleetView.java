package fr.maillage.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The fleet of a territory now: how many of its sites are in each state, and the sites.
 *
 * @param summary counts by state of the sites of the territory and kind asked for, whatever the state filter
 * @param sites the sites that match every filter, the state included
 */
@Serdeable
public record FleetView(Summary summary, @JsonInclude(JsonInclude.Include.ALWAYS) List<SiteView> sites) {

    /** Sites by recorded state. */
    @Serdeable
    public record Summary(int total, int online, int degraded, int offline, int unknown) {

        static Summary of(List<Site> sites) {
            int[] counts = new int[SiteState.values().length];
            sites.forEach(site -> counts[site.state().ordinal()]++);
            return new Summary(sites.size(), counts[SiteState.ONLINE.ordinal()],
                    counts[SiteState.DEGRADED.ordinal()], counts[SiteState.OFFLINE.ordinal()],
                    counts[SiteState.UNKNOWN.ordinal()]);
        }
    }
}
