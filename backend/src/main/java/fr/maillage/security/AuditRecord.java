package fr.maillage.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** Who did what, when, from where, and how it ended. */
@Serdeable
@MappedEntity("audit_record")
public record AuditRecord(
        @Id @GeneratedValue @Nullable Long id,
        Instant at,
        String username,
        String roles,
        String method,
        String path,
        int status,
        @Nullable String remoteAddress) {}
