package fr.maillage.encounter;

import io.micronaut.core.annotation.Nullable;

/**
 * What the FHIR API knows of a probed device to present it as a Device: the fleet's row, its FHIR id (derived
 * from the site and device ids, see V6) and the site's operator.
 */
public record SiteDeviceResource(
        String fhirId, String siteId, String deviceId, String kind, String state, @Nullable String operatorId) {}
