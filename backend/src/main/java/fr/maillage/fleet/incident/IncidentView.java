package fr.maillage.fleet.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * An incident as the API and the notifications show it.
 *
 * @param deviceId the device concerned, null when the incident is about the site itself
 */
@Serdeable
public record IncidentView(
        long id,
        String siteId,
        @Nullable String siteName,
        @Nullable String departement,
        @Nullable String deviceId,
        Rule rule,
        String detail,
        Instant openedAt,
        @Nullable Instant resolvedAt,
        @Nullable Instant escalatedAt,
        @Nullable Instant acknowledgedAt,
        @Nullable String acknowledgedBy) {}
