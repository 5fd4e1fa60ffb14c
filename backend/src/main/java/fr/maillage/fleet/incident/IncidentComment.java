package fr.maillage.fleet.incident;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** What a coordinator wrote about an incident. */
@Serdeable
public record IncidentComment(long id, String author, String body, Instant createdAt) {}
