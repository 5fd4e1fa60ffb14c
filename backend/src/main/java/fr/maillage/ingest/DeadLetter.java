package fr.maillage.ingest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A message kept raw because it could not be ingested.
 *
 * @param reason a {@link fr.maillage.contract.Rejection.Reason} or
 *     {@link fr.maillage.encounter.SessionRejectedException.Reason} name, or {@link #UNPROCESSABLE}
 */
@MappedEntity("dead_letter")
public record DeadLetter(
        @Id @GeneratedValue @Nullable Long id,
        Instant receivedAt,
        String topic,
        byte[] payload,
        String reason,
        String detail) {

    /** The message satisfied the contract but applying it failed while the database was up. */
    public static final String UNPROCESSABLE = "UNPROCESSABLE";
}
