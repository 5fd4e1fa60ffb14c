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
}
