package fr.maillage.fleet;

import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/** The latest reading of one probed device of a site, and its state as recorded by the state machine. */
@MappedEntity("site_device")
public record SiteDevice(
        @EmbeddedId Key key,
        DeviceKind kind,
        Health health,
        @Nullable String detail,
        @TypeDef(type = DataType.JSON) String measurements,
        Instant updatedAt,
        SiteState state,
        @Nullable Instant stateSince) {

    /** Site and device. */
    @Embeddable
    public record Key(@MappedProperty("site_id") String siteId, @MappedProperty("device_id") String deviceId) {}
}
