package fr.maillage.fleet.availability;

import static fr.maillage.fleet.SiteState.DEGRADED;
import static fr.maillage.fleet.SiteState.OFFLINE;
import static fr.maillage.fleet.SiteState.ONLINE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.fleet.SiteState;
import fr.maillage.fleet.state.Hysteresis.Interval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed timelines of a pharmacy open Monday to Saturday 09:00-19:00 in Paris (UTC+1 in November),
 * i.e. 08:00-18:00 UTC: 10 open hours a day, 36,000 s.
 */
class AvailabilityCalculatorTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final OpeningHours PHARMACY = OpeningHours.parse("Mon-Sat 09:00-19:00");
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final Instant LATER = Instant.parse("2027-01-01T00:00:00Z");

    private static Interval interval(SiteState state, String from, String to) {
        return new Interval(state, Instant.parse(from), Instant.parse(to), null);
    }

    @Test
    void twoHourOutageInAnOpenDayIsEightyPercentWithItsMtbfAndMttr() {
        var timeline = List.of(
                interval(ONLINE, "2026-11-22T20:00:00Z", "2026-11-23T09:00:00Z"),
                interval(OFFLINE, "2026-11-23T09:00:00Z", "2026-11-23T11:00:00Z"),
                interval(ONLINE, "2026-11-23T11:00:00Z", "2026-11-23T20:00:00Z"),
                // a night outage, 21:00 to 06:00 Paris time: the pharmacy is closed, it does not count
                interval(OFFLINE, "2026-11-23T20:00:00Z", "2026-11-24T05:00:00Z"),
                interval(ONLINE, "2026-11-24T05:00:00Z", "2026-11-25T00:00:00Z"));

        var days = AvailabilityCalculator.compute(
                timeline, PHARMACY, PARIS, MONDAY, MONDAY.plusDays(2), Granularity.DAY, LATER);

        assertThat(days).hasSize(3);
        assertThat(days.get(0)).isEqualTo(new Availability(
                MONDAY, MONDAY.plusDays(1), 36_000, 28_800, 0, 7_200, 0, 0.8, 1, 28_800L, 7_200L));
        assertThat(days.get(1)).isEqualTo(new Availability(
                MONDAY.plusDays(1), MONDAY.plusDays(2), 36_000, 36_000, 0, 0, 0, 1.0, 0, null, null));
        assertThat(days.get(2).failures()).isEqualTo(1);
        assertThat(days.get(2).availability()).isEqualTo(64_800.0 / 72_000);
    }

    @Test
    void outageOverNightCountsOnceWhereItIsFirstSeenAndOnlyItsOpenHours() {
        // offline from Monday 17:00 UTC (18:00 Paris) to Tuesday 09:00 UTC (10:00 Paris)
        var timeline = List.of(
                interval(DEGRADED, "2026-11-23T00:00:00Z", "2026-11-23T17:00:00Z"),
                interval(OFFLINE, "2026-11-23T17:00:00Z", "2026-11-24T09:00:00Z"),
                interval(ONLINE, "2026-11-24T09:00:00Z", "2026-11-25T00:00:00Z"));

        var days = AvailabilityCalculator.compute(
                timeline, PHARMACY, PARIS, MONDAY, MONDAY.plusDays(2), Granularity.DAY, LATER);

        assertThat(days.get(0).offlineSeconds()).isEqualTo(3_600);
        assertThat(days.get(0).degradedSeconds()).isEqualTo(32_400);
        assertThat(days.get(0).failures()).isEqualTo(1);
        assertThat(days.get(1).offlineSeconds()).isEqualTo(3_600);
        assertThat(days.get(1).failures()).as("the same outage, already counted on Monday").isZero();
        var total = days.get(2);
        assertThat(total.failures()).isEqualTo(1);
        assertThat(total.mttrSeconds()).isEqualTo(7_200);
        assertThat(total.mtbfSeconds()).isEqualTo(72_000 - 7_200);
    }

    @Test
    void timeBeforeTheFirstIntervalAndAfterNowIsNotCountedAsDown() {
        var now = Instant.parse("2026-11-23T13:00:00Z");
        var timeline = List.of(interval(ONLINE, "2026-11-23T10:00:00Z", "2026-11-23T13:00:00Z"));

        var day = AvailabilityCalculator.compute(
                timeline, PHARMACY, PARIS, MONDAY, MONDAY.plusDays(1), Granularity.DAY, now).getFirst();

        assertThat(day.openSeconds()).isEqualTo(5 * 3_600);
        assertThat(day.unknownSeconds()).isEqualTo(2 * 3_600);
        assertThat(day.availability()).isEqualTo(1.0);
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirstClippedToThePeriod() {
        var timeline = List.of(interval(ONLINE, "2026-10-01T00:00:00Z", "2026-12-31T00:00:00Z"));

        var weeks = AvailabilityCalculator.compute(timeline, PHARMACY, PARIS, LocalDate.of(2026, 11, 25),
                LocalDate.of(2026, 12, 9), Granularity.WEEK, LATER);
        var months = AvailabilityCalculator.compute(timeline, PHARMACY, PARIS, LocalDate.of(2026, 11, 25),
                LocalDate.of(2026, 12, 9), Granularity.MONTH, LATER);

        assertThat(weeks).extracting(Availability::start).containsExactly(LocalDate.of(2026, 11, 25),
                LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 7), LocalDate.of(2026, 11, 25));
        // Wednesday to Saturday: 4 open days
        assertThat(weeks.getFirst().openSeconds()).isEqualTo(4 * 36_000);
        assertThat(months).extracting(Availability::end).containsExactly(LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 9), LocalDate.of(2026, 12, 9));
    }
}
