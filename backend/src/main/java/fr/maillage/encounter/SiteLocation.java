package fr.maillage.encounter;

import io.micronaut.core.annotation.Nullable;

/**
 * What the FHIR API knows of a site to present it as a Location: the fleet's row joined with the commune's name
 * from the territory reference data, and the site's operator if one is recorded.
 */
public record SiteLocation(
        String id,
        String name,
        String kind,
        String inseeCode,
        @Nullable String communeName,
        @Nullable Double latitude,
        @Nullable Double longitude,
        @Nullable String operatorId) {}
