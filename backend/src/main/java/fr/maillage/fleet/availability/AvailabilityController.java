package fr.maillage.fleet.availability;

import fr.maillage.fleet.state.StateTracker;
import fr.maillage.security.InScope;
import fr.maillage.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Availability of a site or device, and the opening hours it is counted in. */
@Controller("/api/sites/{id}")
@Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
class AvailabilityController {

    /** Long enough for a year's league table, short enough to stay a quick query. */
    private static final long MAX_DAYS = 400;
    private static final long DEFAULT_DAYS = 30;

    private final AvailabilityService availability;
    private final OpeningHoursPolicy hours;
    private final Clock clock;

    AvailabilityController(AvailabilityService availability, OpeningHoursPolicy hours, Clock clock) {
        this.availability = availability;
        this.hours = hours;
        this.clock = clock;
    }

    /** Body of the opening hours update; null hours restore the default of the site's kind. */
    @Serdeable
    record OpeningHoursUpdate(@Nullable String openingHours) {}

    /**
     * @param from first day (ISO date, in the fleet's zone), 30 days before {@code to} by default
     * @param to the day after the last, tomorrow by default
     * @param granularity {@code day}, {@code week} or {@code month}
     * @param device a device id of the site, for the device's own availability
     */
    @Get("/availability")
    @InScope(site = "id")
    AvailabilityReport availability(
            @PathVariable String id,
            @QueryValue @Nullable String from,
            @QueryValue @Nullable String to,
            @QueryValue @Nullable String granularity,
            @QueryValue @Nullable String device) {
        LocalDate end = to == null ? LocalDate.ofInstant(clock.instant(), hours.zone()).plusDays(1) : date("to", to);
        LocalDate start = from == null ? end.minusDays(DEFAULT_DAYS) : date("from", from);
        if (!start.isBefore(end) || ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                    "from must be before to, at most " + MAX_DAYS + " days apart");
        }
        Granularity buckets = granularity(granularity);
        String subject = device == null ? StateTracker.SITE : device;
        return availability.report(id, subject, start, end, buckets)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, device == null
                        ? "no site has the id " + id
                        : "site " + id + " has no device " + device));
    }

    /** Opening hours set the baseline a site's availability is measured against: not for its own operator. */
    @Put("/opening-hours")
    @Secured({Roles.COORDINATOR, Roles.ADMIN})
    @InScope(site = "id")
    OpeningHoursUpdate openingHours(@PathVariable String id, @Body OpeningHoursUpdate update) {
        if (update.openingHours() != null) {
            try {
                OpeningHours.parse(update.openingHours());
            } catch (IllegalArgumentException e) {
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
            }
        }
        if (!availability.setOpeningHours(id, update.openingHours())) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no site has the id " + id);
        }
        return update;
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, name + " must be a date such as 2026-11-23: " + value);
        }
    }

    private static Granularity granularity(@Nullable String value) {
        if (value == null) {
            return Granularity.DAY;
        }
        try {
            return Granularity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "granularity must be day, week or month: " + value);
        }
    }
}
