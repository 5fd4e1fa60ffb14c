package fr.maillage.fleet.availability;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When a site is open, week by week, in its time zone. Written as groups separated by {@code ;}, each a set of
 * days and a list of time ranges: {@code Mon-Fri 08:00-12:00,14:00-18:00; Sat 09:00-12:00}. Days are English
 * three-letter abbreviations, a range of them ({@code Mon-Sat}) or a list ({@code Mon,Wed}); {@code 24:00} ends
 * a day. Availability only counts time inside these hours: a pharmacy's cabin is not down at night.
 */
public final class OpeningHours {

    private static final Map<String, DayOfWeek> DAYS = Map.of(
            "mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY, "wed", DayOfWeek.WEDNESDAY,
            "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);

    /** A daily range; {@code endOfDay} stands for 24:00, which LocalTime cannot hold. */
    private record Range(LocalTime start, LocalTime end, boolean endOfDay) {}

    /** A span of time. */
    public record Window(Instant from, Instant to) {}

    private final String text;
    private final Map<DayOfWeek, List<Range>> ranges;

    private OpeningHours(String text, Map<DayOfWeek, List<Range>> ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /** @throws IllegalArgumentException naming what is wrong, for the API to return as a 400 */
    public static OpeningHours parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("opening hours are empty");
        }
        Map<DayOfWeek, List<Range>> ranges = new EnumMap<>(DayOfWeek.class);
        for (String group : text.split(";")) {
            String[] parts = group.trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected 'days ranges' such as 'Mon-Fri 09:00-18:00': " + group);
            }
            List<Range> dayRanges = new ArrayList<>();
            for (String range : parts[1].split(",")) {
                dayRanges.add(range(range));
            }
            for (DayOfWeek day : days(parts[0])) {
                ranges.computeIfAbsent(day, d -> new ArrayList<>()).addAll(dayRanges);
            }
        }
        return new OpeningHours(text.trim(), ranges);
    }

    private static List<DayOfWeek> days(String spec) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String item : spec.split(",")) {
            String[] bounds = item.split("-");
            DayOfWeek first = day(bounds[0]);
            DayOfWeek last = bounds.length == 2 ? day(bounds[1]) : first;
            if (bounds.length > 2) {
                throw new IllegalArgumentException("not a day range: " + item);
            }
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String name) {
        DayOfWeek day = DAYS.get(name.toLowerCase(Locale.ROOT));
        if (day == null) {
            throw new IllegalArgumentException("not a day (Mon, Tue, … Sun): " + name);
        }
        return day;
    }

    private static Range range(String spec) {
        String[] bounds = spec.split("-");
        if (bounds.length != 2) {
            throw new IllegalArgumentException("not a time range such as 09:00-19:00: " + spec);
        }
        try {
            LocalTime start = LocalTime.parse(bounds[0]);
            boolean endOfDay = bounds[1].equals("24:00");
            LocalTime end = endOfDay ? LocalTime.MAX : LocalTime.parse(bounds[1]);
            if (!endOfDay && !end.isAfter(start)) {
                throw new IllegalArgumentException("a range must end after it starts: " + spec);
            }
            return new Range(start, end, endOfDay);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a time range such as 09:00-19:00: " + spec, e);
        }
    }

    /** The opening windows within {@code [from, to)}, in order, each clipped to it. */
    public List<Window> windows(Instant from, Instant to, ZoneId zone) {
        List<Window> windows = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            for (Range range : ranges.getOrDefault(date.getDayOfWeek(), List.of())) {
                Instant start = ZonedDateTime.of(date, range.start(), zone).toInstant();
                Instant end = range.endOfDay()
                        ? date.plusDays(1).atStartOfDay(zone).toInstant()
                        : ZonedDateTime.of(date, range.end(), zone).toInstant();
                Instant clippedStart = start.isBefore(from) ? from : start;
                Instant clippedEnd = end.isAfter(to) ? to : end;
                if (clippedEnd.isAfter(clippedStart)) {
                    windows.add(new Window(clippedStart, clippedEnd));
                }
            }
        }
        windows.sort(Comparator.comparing(Window::from));
        return windows;
    }

    @Override
    public String toString() {
        return text;
    }
}
