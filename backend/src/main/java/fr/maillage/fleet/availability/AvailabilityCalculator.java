package fr.maillage.fleet.availability;

import fr.maillage.fleet.SiteState;
import fr.maillage.fleet.state.Hysteresis.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Availability, MTBF and MTTR from a timeline of state intervals and opening hours. Pure arithmetic. */
public final class AvailabilityCalculator {

    private AvailabilityCalculator() {}

    /**
     * @param intervals the states of the subject, in order, not overlapping; gaps count as unknown
     * @param from first day
     * @param to the day after the last
     * @param now nothing after it is counted (the future is neither up nor down)
     * @return one entry per bucket, then the total of the whole period as the last entry
     */
    public static List<Availability> compute(
            List<Interval> intervals,
            OpeningHours hours,
            ZoneId zone,
            LocalDate from,
            LocalDate to,
            Granularity granularity,
            Instant now) {
        List<Availability> buckets = new ArrayList<>();
        for (LocalDate start = from; start.isBefore(to); ) {
            LocalDate next = granularity.next(granularity.start(start));
            LocalDate end = next.isAfter(to) ? to : next;
            buckets.add(bucket(intervals, hours, zone, start, end, now));
            start = end;
        }
        buckets.add(bucket(intervals, hours, zone, from, to, now));
        return buckets;
    }

    private static Availability bucket(
            List<Interval> intervals, OpeningHours hours, ZoneId zone, LocalDate start, LocalDate end, Instant now) {
        Instant from = start.atStartOfDay(zone).toInstant();
        Instant to = min(end.atStartOfDay(zone).toInstant(), now);
        List<OpeningHours.Window> windows = to.isAfter(from) ? hours.windows(from, to, zone) : List.of();
        long open = 0;
        for (OpeningHours.Window window : windows) {
            open += seconds(window.from(), window.to());
        }
        Map<SiteState, Long> byState = new EnumMap<>(SiteState.class);
        int failures = 0;
        for (Interval interval : intervals) {
            Instant firstOpen = null;
            for (OpeningHours.Window window : windows) {
                Instant a = max(window.from(), interval.from());
                Instant b = min(window.to(), interval.to());
                if (b.isAfter(a)) {
                    byState.merge(interval.state(), seconds(a, b), Long::sum);
                    firstOpen = firstOpen == null ? a : firstOpen;
                }
            }
            if (interval.state() == SiteState.OFFLINE && firstOpen != null
                    && firstOpenMoment(interval, hours, zone).equals(firstOpen)) {
                failures++;
            }
        }
        long online = byState.getOrDefault(SiteState.ONLINE, 0L);
        long degraded = byState.getOrDefault(SiteState.DEGRADED, 0L);
        long offline = byState.getOrDefault(SiteState.OFFLINE, 0L);
        long known = online + degraded + offline;
        long up = online + degraded;
        return new Availability(
                start,
                end,
                open,
                online,
                degraded,
                offline,
                open - known,
                known == 0 ? null : (double) up / known,
                failures,
                failures == 0 ? null : up / failures,
                failures == 0 ? null : offline / failures);
    }

    /** An outage counts as a failure in the bucket where it is first seen during opening hours, and only there. */
    private static Instant firstOpenMoment(Interval interval, OpeningHours hours, ZoneId zone) {
        return hours.windows(interval.from(), interval.to(), zone).stream()
                .map(OpeningHours.Window::from)
                .findFirst()
                .orElse(interval.from());
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
