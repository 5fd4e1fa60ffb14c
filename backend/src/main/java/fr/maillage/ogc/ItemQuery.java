package fr.maillage.ogc;

import fr.maillage.territory.indicator.Period;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The parameters of an items request, checked.
 *
 * @param limit features per page (capped at the configured maximum, as the standard permits)
 * @param offset features skipped before the page
 * @param bbox only features whose geometry's envelope meets this box; null for all
 * @param from first day of the period the figures describe; null when open
 * @param to last day of that period; null when open
 */
public record ItemQuery(int limit, int offset, @Nullable Bbox bbox, @Nullable LocalDate from, @Nullable LocalDate to) {

    /** Days are French days, as everywhere in the indicators. */
    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    /** Open-ended intervals start here: before any session of the network. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    static ItemQuery parse(@Nullable String limit, @Nullable String offset, @Nullable String bbox,
            @Nullable String datetime, OgcConfiguration config) {
        int parsedLimit = Math.min(integer("limit", limit, config.defaultLimit(), 1), config.maxLimit());
        int parsedOffset = integer("offset", offset, 0, 0);
        Bbox box = bbox == null || bbox.isBlank() ? null : Bbox.parse(bbox);
        LocalDate from = null;
        LocalDate to = null;
        if (datetime != null && !datetime.isBlank()) {
            String[] ends = datetime.split("/", -1);
            if (ends.length > 2) {
                throw OgcException.badParameter("datetime must be one instant or an interval 'start/end', got '"
                        + datetime + "'");
            }
            from = day(ends[0], datetime);
            to = ends.length == 2 ? day(ends[1], datetime) : from;
            if (ends.length == 1 && from == null) {
                throw OgcException.badParameter("datetime '..' alone is not an instant: use '../end' or 'start/..'");
            }
            if (from != null && to != null && from.isAfter(to)) {
                throw OgcException.badParameter("datetime starts (" + from + ") after it ends (" + to + ")");
            }
        }
        return new ItemQuery(parsedLimit, parsedOffset, box, from, to);
    }

    /**
     * The days the figures are computed over: the requested interval, else the {@code defaultDays} up to today;
     * an open start means since {@link #EARLIEST}, an open end means up to today.
     */
    public Period period(int defaultDays, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(FRANCE));
        if (from == null && to == null) {
            return new Period(today.minusDays(defaultDays - 1L), today);
        }
        return new Period(from == null ? EARLIEST : from, to == null ? today : to);
    }

    private static int integer(String name, @Nullable String value, int fallback, int minimum) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw OgcException.badParameter(name + " must be an integer, got '" + value + "'");
        }
        if (parsed < minimum) {
            throw OgcException.badParameter(name + " must be at least " + minimum + ", got " + parsed);
        }
        return parsed;
    }

    /** An end of a datetime interval as a French day; null for an open end ({@code ..} or empty). */
    private static @Nullable LocalDate day(String end, String whole) {
        String text = end.trim();
        if (text.isEmpty() || text.equals("..")) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
            return OffsetDateTime.parse(text).atZoneSameInstant(FRANCE).toLocalDate();
        } catch (DateTimeParseException e) {
            throw OgcException.badParameter("datetime '" + whole + "': '" + text
                    + "' is not an RFC 3339 date-time (2026-11-02T09:00:00Z) or date (2026-11-02)");
        }
    }
}
