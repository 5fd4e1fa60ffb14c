package fr.maillage.encounter;

import fr.maillage.security.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A parsed Encounter search: every condition is already checked, so running it cannot fail on input.
 *
 * @param periodBounds conditions on the Encounter's period ({@code date})
 * @param lastUpdatedBounds conditions on the last update ({@code _lastUpdated})
 * @param locationIds sites ({@code location}), any of them
 * @param statuses FHIR status codes ({@code status}), any of them
 * @param count page size ({@code _count})
 * @param after the last row of the previous page, for keyset paging
 * @param scope the sites the user may see row by row
 */
public record EncounterSearch(
        List<Bound> periodBounds,
        List<Bound> lastUpdatedBounds,
        List<String> locationIds,
        List<String> statuses,
        int count,
        Optional<Cursor> after,
        Scope scope) {

    /**
     * One side of a date range: a lower bound is inclusive, an upper bound exclusive. For the Encounter's period,
     * FHIR's date search means the period intersects the range, so a lower bound is compared with the period's
     * end and an upper bound with its start.
     */
    public record Bound(Side side, Instant instant) {}

    /** Which side of the range a bound closes. */
    public enum Side {
        LOWER,
        UPPER
    }

    /** Where the previous page stopped, in the sort order (period start, id). */
    public record Cursor(Instant periodStart, UUID id) {}
}
