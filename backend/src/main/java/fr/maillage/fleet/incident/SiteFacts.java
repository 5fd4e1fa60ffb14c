package fr.maillage.fleet.incident;

import fr.maillage.contract.DeviceKind;
import fr.maillage.fleet.SiteState;
import fr.maillage.fleet.availability.OpeningHours;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the rules look at for one site.
 *
 * @param stateReason an {@link fr.maillage.fleet.state.Observation.Reason} name
 * @param lastSessionStart start of the site's latest session, if any
 * @param createdAt when the backend first heard of the site
 */
public record SiteFacts(
        String siteId,
        @Nullable String inseeCode,
        SiteState state,
        @Nullable Instant stateSince,
        @Nullable String stateReason,
        OpeningHours openingHours,
        List<DeviceFacts> devices,
        @Nullable Instant lastSessionStart,
        Instant createdAt) {

    /** One device, as its latest probe reading and recorded state tell. */
    public record DeviceFacts(String deviceId, DeviceKind kind, SiteState state, Map<String, Double> measurements) {}
}
