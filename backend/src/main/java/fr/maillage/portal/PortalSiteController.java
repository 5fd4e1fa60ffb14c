package fr.maillage.portal;

import fr.maillage.fleet.SiteRepository;
import fr.maillage.fleet.availability.Availability;
import fr.maillage.fleet.availability.AvailabilityReport;
import fr.maillage.fleet.availability.AvailabilityService;
import fr.maillage.fleet.availability.Granularity;
import fr.maillage.fleet.availability.OpeningHoursPolicy;
import fr.maillage.fleet.incident.IncidentStore;
import fr.maillage.fleet.incident.IncidentView;
import fr.maillage.fleet.state.StateTracker;
import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import fr.maillage.security.SiteScopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The site page's activity chart (sessions per week) and the CSV of each of its tables: sessions per week,
 * availability per day, incidents.
 */
@Controller("/api/portal/sites")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
class PortalSiteController {

    private static final int MAX_WEEKS = 260;
    /** The fleet API's own bounds for a report by day, so that the CSV holds what the page shows. */
    private static final long DEFAULT_DAYS = 30;
    private static final long MAX_DAYS = 400;
    private static final int MAX_INCIDENTS = 500;

    private final PortalQueries queries;
    private final SiteRepository sites;
    private final SiteScopes scopes;
    private final AvailabilityService availability;
    private final OpeningHoursPolicy hours;
    private final IncidentStore incidents;
    private final Clock clock = Clock.systemUTC();

    PortalSiteController(PortalQueries queries, SiteRepository sites, SiteScopes scopes,
            AvailabilityService availability, OpeningHoursPolicy hours, IncidentStore incidents) {
        this.queries = queries;
        this.sites = sites;
        this.scopes = scopes;
        this.availability = availability;
        this.hours = hours;
        this.incidents = incidents;
    }

    /** @param weeks how many weeks back from now, 26 by default */
    @Get("/{id}/weekly-sessions")
    List<PortalQueries.WeeklySessions> weeklySessions(@PathVariable String id, @Nullable @QueryValue Integer weeks,
            Authentication user) throws SQLException {
        int span = weeks == null ? 26 : weeks;
        if (span < 1 || span > MAX_WEEKS) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "weeks must be from 1 to " + MAX_WEEKS);
        }
        // a site's weekly counts are small numbers about its patients: only for those who watch the site
        checkSite(id, user, "the activity");
        return queries.weeklySessions(id, clock.instant().minus(Duration.ofDays(7L * span)));
    }

    @Get(uri = "/{id}/weekly-sessions.csv", produces = PortalTerritoryController.CSV)
    HttpResponse<String> weeklySessionsCsv(@PathVariable String id, @Nullable @QueryValue Integer weeks,
            Authentication user) throws SQLException {
        Csv csv = new Csv().row(List.of("week", "finished", "cancelled"));
        for (PortalQueries.WeeklySessions week : weeklySessions(id, weeks, user)) {
            csv.row(List.of(week.week().toString(), Long.toString(week.finished()), Long.toString(week.cancelled())));
        }
        return PortalTerritoryController.download(csv.toString(), PortalTerritoryController.CSV,
                "seances-par-semaine-" + id + ".csv");
    }

    /**
     * @param from first day, 30 days before {@code to} by default
     * @param to the day after the last, tomorrow by default (the fleet API's defaults, as on the page)
     */
    @Get(uri = "/{id}/availability.csv", produces = PortalTerritoryController.CSV)
    HttpResponse<String> availabilityCsv(@PathVariable String id, @Nullable @QueryValue String from,
            @Nullable @QueryValue String to, Authentication user) {
        checkSite(id, user, "the availability");
        LocalDate end = to == null ? LocalDate.ofInstant(clock.instant(), hours.zone()).plusDays(1) : date("to", to);
        LocalDate start = from == null ? end.minusDays(DEFAULT_DAYS) : date("from", from);
        if (!start.isBefore(end) || ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                    "from must be before to, at most " + MAX_DAYS + " days apart");
        }
        AvailabilityReport report = availability.report(id, StateTracker.SITE, start, end, Granularity.DAY)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no site has the id " + id));
        Csv csv = new Csv().row(List.of("day", "availability", "openSeconds", "onlineSeconds", "degradedSeconds",
                "offlineSeconds", "unknownSeconds", "failures", "openingHours", "zone"));
        for (Availability day : report.periods()) {
            csv.row(List.of(day.start().toString(),
                    day.availability() == null ? "" : Csv.number(day.availability()),
                    Long.toString(day.openSeconds()), Long.toString(day.onlineSeconds()),
                    Long.toString(day.degradedSeconds()), Long.toString(day.offlineSeconds()),
                    Long.toString(day.unknownSeconds()), Integer.toString(day.failures()), report.openingHours(),
                    report.zone()));
        }
        return PortalTerritoryController.download(csv.toString(), PortalTerritoryController.CSV,
                "disponibilite-" + id + ".csv");
    }

    /** The site's incidents, newest first, open and resolved (for coordinators, as the incidents API). */
    @Get(uri = "/{id}/incidents.csv", produces = PortalTerritoryController.CSV)
    @Secured({Roles.COORDINATOR, Roles.ADMIN})
    HttpResponse<String> incidentsCsv(@PathVariable String id, Authentication user) {
        checkSite(id, user, "the incidents");
        // checkSite has decided on the scope: every incident of this site may be listed
        Csv csv = new Csv().row(List.of("id", "rule", "deviceId", "detail", "openedAt", "resolvedAt", "escalatedAt",
                "acknowledgedAt", "acknowledgedBy"));
        for (IncidentView incident : incidents.find(null, id, null, null, "true", List.of(), MAX_INCIDENTS)) {
            csv.row(Arrays.asList(Long.toString(incident.id()), incident.rule().name(), incident.deviceId(),
                    incident.detail(), incident.openedAt().toString(), text(incident.resolvedAt()),
                    text(incident.escalatedAt()), text(incident.acknowledgedAt()), incident.acknowledgedBy()));
        }
        return PortalTerritoryController.download(csv.toString(), PortalTerritoryController.CSV,
                "incidents-" + id + ".csv");
    }

    private void checkSite(String id, Authentication user, String what) {
        if (!sites.existsById(id)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no site has the id " + id);
        }
        if (!scopes.covers(Scope.of(user), id)) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "this account may not see " + what + " of site " + id);
        }
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, name + " must be a date such as 2026-11-23: " + value);
        }
    }
}
