package fr.maillage.encounter;

import io.micronaut.core.annotation.Nullable;

/** An organisation that runs sites, as stored in {@code site_operator}. */
public record SiteOperatorResource(
        String id, String name, @Nullable String siren, @Nullable String email, boolean active) {}
