package fr.maillage.portal;

import fr.maillage.contract.SiteKind;
import fr.maillage.fleet.Site;
import fr.maillage.fleet.SiteState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the map needs of a site: where it is, what it is, and its state now.
 *
 * @param id site id
 * @param name its name, once a birth described it
 * @param kind its kind, once a birth described it
 * @param inseeCode its commune
 * @param latitude WGS84
 * @param longitude WGS84
 * @param state state now
 */
@Serdeable
public record SiteMarker(
        String id,
        @Nullable String name,
        @Nullable SiteKind kind,
        @Nullable String inseeCode,
        @Nullable Double latitude,
        @Nullable Double longitude,
        SiteState state) {

    static SiteMarker of(Site site) {
        return new SiteMarker(site.id(), site.name(), site.kind(), site.inseeCode(), site.latitude(),
                site.longitude(), site.state());
    }
}
