package fr.maillage.encounter;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A session event that was applied to an Encounter. */
@MappedEntity("encounter_event")
public record EncounterEvent(
        @Id UUID eventId, UUID encounterId, String siteId, String type, Instant occurredAt, Instant receivedAt) {}
