package fr.maillage.fleet;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One site with its devices. */
@Serdeable
public record SiteDetailView(SiteView site, List<DeviceView> devices) {}
