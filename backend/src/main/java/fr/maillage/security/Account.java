package fr.maillage.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A local account (the embedded demo, or a deployment without an identity provider).
 *
 * @param passwordHash bcrypt hash, never the password
 * @param role one of {@link Roles}
 * @param territory a coordinator's territory: a département code ({@code 55}) or an EPCI SIREN
 * @param siteId a site operator's site
 */
@MappedEntity("account")
public record Account(
        @Id String username,
        String passwordHash,
        String role,
        @Nullable String territory,
        @Nullable String siteId,
        Instant createdAt) {}
