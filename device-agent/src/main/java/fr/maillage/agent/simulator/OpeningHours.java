package fr.maillage.agent.simulator;

import fr.maillage.contract.SiteKind;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * When a kind of site receives patients: a town-hall cabin or a France services point keeps office hours,
 * a pharmacy also opens on Saturday, an MSP opens earlier and closes later.
 */
record OpeningHours(Set<DayOfWeek> days, List<Slot> slots) {

    private static final Set<DayOfWeek> WEEKDAYS = Set.of(
            DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    private static final Set<DayOfWeek> WEEKDAYS_AND_SATURDAY = Set.of(
            DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY,
            DayOfWeek.SATURDAY);

    /** One opening period of a day. */
    record Slot(LocalTime opens, LocalTime closes) {

        long minutes() {
            return java.time.Duration.between(opens, closes).toMinutes();
        }
    }

    static OpeningHours of(SiteKind kind) {
        return switch (kind) {
            case CABIN -> new OpeningHours(WEEKDAYS, List.of(slot(9, 0, 12, 0), slot(14, 0, 18, 0)));
            case HEALTH_CENTRE -> new OpeningHours(WEEKDAYS, List.of(slot(8, 0, 12, 30), slot(13, 30, 19, 30)));
            case PHARMACY -> new OpeningHours(WEEKDAYS_AND_SATURDAY, List.of(slot(9, 0, 12, 30), slot(14, 0, 19, 30)));
            case PUBLIC_SERVICE_POINT -> new OpeningHours(WEEKDAYS, List.of(slot(9, 0, 12, 0), slot(13, 30, 17, 0)));
        };
    }

    boolean openOn(DayOfWeek day) {
        return days.contains(day);
    }

    long minutesPerDay() {
        return slots.stream().mapToLong(Slot::minutes).sum();
    }

    /** The time of day {@code minute} minutes into the day's opening hours. */
    LocalTime atOpenMinute(long minute) {
        long left = minute;
        for (Slot slot : slots) {
            if (left < slot.minutes()) {
                return slot.opens().plusMinutes(left);
            }
            left -= slot.minutes();
        }
        return slots.getLast().closes();
    }

    private static Slot slot(int openHour, int openMinute, int closeHour, int closeMinute) {
        return new Slot(LocalTime.of(openHour, openMinute), LocalTime.of(closeHour, closeMinute));
    }
}
