package fr.maillage.fleet.availability;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** How availability is bucketed: calendar days, ISO weeks (from Monday) or calendar months, in the site's zone. */
public enum Granularity {
    DAY,
    WEEK,
    MONTH;

    /** The start of the bucket holding {@code date}. */
    LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }
}
