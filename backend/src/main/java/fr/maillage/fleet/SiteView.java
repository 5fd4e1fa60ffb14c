package fr.maillage.fleet;

import fr.maillage.contract.Health;
import fr.maillage.contract.SiteKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A site as the API shows it: what it is, where, and its state now. */
@Serdeable
public record SiteView(
        String id,
        @Nullable String name,
        @Nullable SiteKind kind,
        @Nullable String inseeCode,
        @Nullable Double latitude,
        @Nullable Double longitude,
        SiteState state,
        SiteConnection connection,
        @Nullable Instant connectionChangedAt,
        @Nullable Health health,
        @Nullable Instant lastStatusAt,
        @Nullable String agentVersion,
        @Nullable Instant stateSince,
        @Nullable String stateReason) {

    static SiteView of(Site site) {
        return new SiteView(
                site.id(),
                site.name(),
                site.kind(),
                site.inseeCode(),
                site.latitude(),
                site.longitude(),
                site.state(),
                site.connection(),
                site.connectionChangedAt(),
                site.health(),
                site.lastStatusAt(),
                site.agentVersion(),
                site.stateSince(),
                site.stateReason());
    }
}
