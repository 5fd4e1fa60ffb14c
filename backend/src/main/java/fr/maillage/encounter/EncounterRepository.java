package fr.maillage.encounter;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
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
    default long insertIfAbsent(StoredEncounter encounter) {
        if (insertKeyIfAbsent(encounter.id()) == 0) {
            return 0;
        }
        save(encounter);
        return 1;
    }

    /** Claims a session id: 0 when it is taken (waiting first for a concurrent claimer's transaction). */
    @Query("INSERT INTO encounter_key (id) VALUES (:id) ON CONFLICT (id) DO NOTHING")
    long insertKeyIfAbsent(UUID id);
}
