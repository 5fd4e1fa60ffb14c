package fr.maillage.encounter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/**
 * An Encounter as stored: the FHIR resource as JSON, and beside it the values that queries filter and group on,
 * copied from the session's details (codes are the wire contract's enum names).
 */
@MappedEntity("encounter")
public record StoredEncounter(
        @Id UUID id,
        String siteId,
        String status,
        Instant periodStart,
        @Nullable Instant periodEnd,
        @Nullable String residenceInseeCode,
        @Nullable String ageBand,
        @Nullable String sex,
        @Nullable Boolean hasRegularDoctor,
        @Nullable String recourseReason,
        @Nullable String outcome,
        @Nullable Short satisfaction,
        @Nullable String assistingRole,
        @Nullable String physicianSpecialty,
        int versionId,
        @TypeDef(type = DataType.JSON) String resource,
        Instant updatedAt) implements StoredResource {}
