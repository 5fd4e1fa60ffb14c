package fr.maillage.encounter;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import fr.maillage.security.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;

/**
 * Turns the query parameters of {@code GET /fhir/Encounter} into an {@link EncounterSearch}, or refuses them
 * with a message that names the parameter and what is wrong with it. Date values and prefixes are parsed by
 * HAPI's {@link DateParam}; unknown parameters follow the {@code Prefer: handling} rule of the FHIR search spec.
 */
final class FhirSearchParser {

    static final int DEFAULT_COUNT = 50;
    static final int MAX_COUNT = 500;
    static final Set<String> ENCOUNTER_PARAMETERS =
            Set.of("date", "location", "status", "_lastUpdated", "_count", "_cursor", "_format");
    private static final Set<String> STATUSES = Set.of("in-progress", "finished", "cancelled");

    private FhirSearchParser() {}

    /** A parameter the client got wrong. */
    static final class InvalidSearchException extends RuntimeException {
        InvalidSearchException(String message) {
            super(message);
        }
    }

    /**
     * @param parameters the query parameters, each with all its values
     * @param strict whether the client asked {@code Prefer: handling=strict}
     * @param scope the sites the user may see
     */
    static EncounterSearch encounterSearch(Map<String, List<String>> parameters, boolean strict, Scope scope) {
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(ENCOUNTER_PARAMETERS);
        if (strict && !unknown.isEmpty()) {
            throw new InvalidSearchException("unknown search parameter(s) for Encounter: " + unknown
                    + "; supported: " + new TreeSet<>(ENCOUNTER_PARAMETERS));
        }
        List<String> statuses = split(parameters.get("status"));
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw new InvalidSearchException("status '" + status + "' is not one of " + new TreeSet<>(STATUSES));
            }
        }
        List<String> locations = split(parameters.get("location")).stream()
                .map(l -> l.startsWith("Location/") ? l.substring("Location/".length()) : l)
                .toList();
        return new EncounterSearch(
                bounds("date", parameters.get("date")),
                bounds("_lastUpdated", parameters.get("_lastUpdated")),
                locations,
                statuses,
                count(parameters.get("_count")),
                cursor(parameters.get("_cursor")),
                scope);
    }

    static String encodeCursor(EncounterSearch.Cursor cursor) {
        String raw = cursor.periodStart().toString() + "|" + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<EncounterSearch.Cursor> cursor(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(values.getFirst()), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 2);
            return Optional.of(new EncounterSearch.Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1])));
        } catch (RuntimeException e) {
            throw new InvalidSearchException("_cursor is not a cursor this server issued; follow the 'next' link");
        }
    }

    static int count(List<String> values) {
        if (values == null || values.isEmpty()) {
            return DEFAULT_COUNT;
        }
        try {
            int count = Integer.parseInt(values.getFirst());
            if (count < 1) {
                throw new InvalidSearchException("_count must be at least 1, was " + count);
            }
            return Math.min(count, MAX_COUNT);
        } catch (NumberFormatException e) {
            throw new InvalidSearchException("_count must be a whole number, was '" + values.getFirst() + "'");
        }
    }

    private static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /**
     * The bounds a date parameter sets. A value without prefix (or {@code eq}) means "within that day, month or
     * second", so it sets both bounds at its precision.
     */
    private static List<EncounterSearch.Bound> bounds(String name, List<String> values) {
        List<EncounterSearch.Bound> bounds = new ArrayList<>();
        if (values == null) {
            return bounds;
        }
        for (String value : values) {
            DateParam param;
            try {
                param = new DateParam(value);
            } catch (RuntimeException e) {
                throw new InvalidSearchException(name + " '" + value + "' is not a FHIR date (e.g. ge2026-01-01)");
            }
            if (param.getValue() == null) {
                throw new InvalidSearchException(name + " '" + value + "' has no date");
            }
            Instant start = param.getValue().toInstant();
            Instant end = endOf(start, param.getPrecision());
            ParamPrefixEnum prefix = param.getPrefix() == null ? ParamPrefixEnum.EQUAL : param.getPrefix();
            switch (prefix) {
                case GREATERTHAN_OR_EQUALS -> bounds.add(new EncounterSearch.Bound(EncounterSearch.Side.LOWER, start));
                case GREATERTHAN -> bounds.add(new EncounterSearch.Bound(EncounterSearch.Side.LOWER, end));
                case LESSTHAN_OR_EQUALS -> bounds.add(new EncounterSearch.Bound(EncounterSearch.Side.UPPER, end));
                case LESSTHAN -> bounds.add(new EncounterSearch.Bound(EncounterSearch.Side.UPPER, start));
                case EQUAL -> {
                    bounds.add(new EncounterSearch.Bound(EncounterSearch.Side.LOWER, start));
                    bounds.add(new EncounterSearch.Bound(EncounterSearch.Side.UPPER, end));
                }
                default -> throw new InvalidSearchException(
                        name + " prefix '" + prefix.getValue() + "' is not supported; use eq, ge, gt, le or lt");
            }
        }
        return bounds;
    }

    /** The first instant after the period that a value of this precision denotes. */
    private static Instant endOf(Instant start, TemporalPrecisionEnum precision) {
        ZonedDateTime at = start.atZone(ZoneOffset.UTC);
        return switch (precision) {
            case YEAR -> at.plusYears(1).toInstant();
            case MONTH -> at.plusMonths(1).toInstant();
            case DAY -> at.plusDays(1).toInstant();
            case MINUTE -> at.plusMinutes(1).toInstant();
            case SECOND -> at.plusSeconds(1).toInstant();
            case MILLI -> at.plusNanos(1_000_000).toInstant();
        };
    }
}
