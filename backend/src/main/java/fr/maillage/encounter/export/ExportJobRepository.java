package fr.maillage.encounter.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ExportJobRepository extends CrudRepository<ExportJob, UUID> {

    /** Finishes a job unless it was cancelled meanwhile. */
    @Query("""
            UPDATE bulk_export_job SET status = :status, completed_at = :completedAt, error = :error,
                output = CAST(:output AS jsonb)
            WHERE id = :id AND status = 'IN_PROGRESS'""")
    long finish(UUID id, String status, Instant completedAt, @Nullable String error, String output);

    List<ExportJob> findByCompletedAtLessThan(Instant before);
}
