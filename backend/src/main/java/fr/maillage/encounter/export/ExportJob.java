package fr.maillage.encounter.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/**
 * An export job as stored.
 *
 * @param types the resource types asked for, comma-separated
 * @param groupId the département whose sites are exported, or null for the whole server
 * @param transactionTime the instant the export reflects: resources changed later are not in it
 * @param output the manifest's {@code output} array, as JSON
 */
@MappedEntity("bulk_export_job")
public record ExportJob(
        @Id UUID id,
        ExportStatus status,
        String requestUrl,
        String types,
        @Nullable Instant since,
        @Nullable String groupId,
        Instant transactionTime,
        @Nullable Instant completedAt,
        @Nullable String error,
        @TypeDef(type = DataType.JSON) String output) {}
