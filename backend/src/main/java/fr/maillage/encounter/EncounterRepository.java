package fr.maillage.encounter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EncounterRepository extends CrudRepository<StoredEncounter, UUID> {

    /** Reads and locks a session's Encounter, so two events of one session are applied one after the other. */
    @Query("SELECT * FROM encounter WHERE id = :id FOR UPDATE")
    Optional<StoredEncounter> findByIdForUpdate(UUID id);

    /**
     * Creates a session's Encounter unless one exists. Another backend instance may be creating it at the same
     * moment: this statement then waits for that transaction and returns 0 once it committed, instead of failing
     * on the primary key. The id's uniqueness is kept by {@code encounter_key}: {@code encounter} is partitioned
     * by month, and its primary key (id, period_start) would let one session exist in two months.
     *
     * @return 1 when created, 0 when the session already had an Encounter
     */
    default long insertIfAbsent(
            UUID id,
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
            String resource,
            Instant updatedAt) {
        if (insertKeyIfAbsent(id) == 0) {
            return 0;
        }
        return insert(id, siteId, status, periodStart, periodEnd, residenceInseeCode, ageBand, sex, hasRegularDoctor,
                recourseReason, outcome, satisfaction, assistingRole, physicianSpecialty, versionId, resource,
                updatedAt);
    }

    /** Claims a session id: 0 when it is taken (waiting first for a concurrent claimer's transaction). */
    @Query("INSERT INTO encounter_key (id) VALUES (:id) ON CONFLICT (id) DO NOTHING")
    long insertKeyIfAbsent(UUID id);

    /** Stores a new Encounter whose id {@link #insertKeyIfAbsent} claimed. */
    @Query("""
            INSERT INTO encounter (id, site_id, status, period_start, period_end, residence_insee_code, age_band, sex,
                has_regular_doctor, recourse_reason, outcome, satisfaction, assisting_role, physician_specialty,
                version_id, resource, updated_at)
            VALUES (:id, :siteId, :status, :periodStart, :periodEnd, :residenceInseeCode, :ageBand, :sex,
                :hasRegularDoctor, :recourseReason, :outcome, :satisfaction, :assistingRole, :physicianSpecialty,
                :versionId, CAST(:resource AS jsonb), :updatedAt)""")
    long insert(
            UUID id,
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
            String resource,
            Instant updatedAt);
}
