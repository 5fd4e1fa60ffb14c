package fr.maillage.fleet.alert;

import fr.maillage.fleet.incident.IncidentStore;
import fr.maillage.fleet.incident.IncidentView;
import io.micronaut.serde.annotation.Serdeable;

/** The body of a webhook, and what a mail says: what happened to which incident. */
@Serdeable
public record AlertMessage(IncidentStore.Event event, IncidentView incident) {}
