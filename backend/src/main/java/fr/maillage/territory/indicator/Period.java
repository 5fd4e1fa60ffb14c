package fr.maillage.territory.indicator;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.maillage.territory.BadTerritoryRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Calendar days from {@code from} to {@code to}, both included, in French time: sessions are counted when their
 * start falls in [from 00:00, to + 1 day 00:00) Europe/Paris.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Period(LocalDate from, LocalDate to) {

    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    public Instant start() {
        return from.atStartOfDay(FRANCE).toInstant();
    }

    public Instant endExclusive() {
        return to.plusDays(1).atStartOfDay(FRANCE).toInstant();
    }

    /** Parses the query; by default the last twelve months up to today. */
    public static Period parse(@Nullable String from, @Nullable String to, Clock clock) {
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(clock.withZone(FRANCE)) : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusYears(1).plusDays(1) : date("from", from);
        if (start.isAfter(end)) {
            throw new BadTerritoryRequest("'from' (" + start + ") is after 'to' (" + end + ")");
        }
        return new Period(start, end);
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadTerritoryRequest("'" + name + "' must be a date as YYYY-MM-DD, got '" + value + "'");
        }
    }
}
