package fr.maillage.fleet.availability;

import fr.maillage.contract.SiteKind;
import fr.maillage.fleet.FleetConfiguration;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/** A site's opening hours: its own when set, else the default of its kind. Defaults are parsed once. */
@Singleton
public class OpeningHoursPolicy {

    private final FleetConfiguration configuration;
    private final Map<SiteKind, OpeningHours> defaults = new EnumMap<>(SiteKind.class);
    private final OpeningHours unknownKind;

    OpeningHoursPolicy(FleetConfiguration configuration) {
        this.configuration = configuration;
        for (SiteKind kind : SiteKind.values()) {
            defaults.put(kind, OpeningHours.parse(configuration.defaultOpeningHours(kind)));
        }
        this.unknownKind = OpeningHours.parse(configuration.defaultOpeningHours(null));
    }

    public OpeningHours of(@Nullable String own, @Nullable SiteKind kind) {
        if (own != null) {
            return OpeningHours.parse(own);
        }
        return kind == null ? unknownKind : defaults.get(kind);
    }

    public ZoneId zone() {
        return configuration.zone();
    }
}
