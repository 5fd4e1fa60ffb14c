package fr.maillage.fleet;

import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A probed device of a site, as the API shows it. Measurements stay JSON as the agent sent them. */
@Serdeable
public record DeviceView(
        String deviceId,
        DeviceKind kind,
        Health health,
        @Nullable String detail,
        Instant updatedAt,
        SiteState state,
        @Nullable Instant stateSince) {

    static DeviceView of(SiteDevice device) {
        return new DeviceView(
                device.key().deviceId(),
                device.kind(),
                device.health(),
                device.detail(),
                device.updatedAt(),
                device.state(),
                device.stateSince());
    }
}
