package fr.maillage.encounter;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.UUID;

/** The session events applied, by event id: the ledger that makes redelivery harmless. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EncounterEventRepository extends GenericRepository<EncounterEvent, UUID> {

    /** @return 1 when the event is new, 0 when it was applied before */
    @Query("""
            INSERT INTO encounter_event (event_id, encounter_id, site_id, type, occurred_at, received_at)
            VALUES (:eventId, :encounterId, :siteId, :type, :occurredAt, :receivedAt)
            ON CONFLICT (event_id) DO NOTHING""")
    long insertIfAbsent(
            UUID eventId, UUID encounterId, String siteId, String type, Instant occurredAt, Instant receivedAt);

    @Query("SELECT count(*) FROM encounter_event WHERE encounter_id = :encounterId")
    long countByEncounter(UUID encounterId);
}
