package fr.maillage.encounter;

import java.time.Instant;

/** A row-level FHIR resource kept as JSON, with the site it is about and the version last written. */
public interface StoredResource {

    String siteId();

    String resource();

    int versionId();

    Instant updatedAt();
}
