package fr.maillage.fleet.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Incidents for coordinators: list, read, acknowledge, comment. */
@Controller("/api/incidents")
class IncidentController {

    private static final int LIMIT = 500;

    private final IncidentStore incidents;
    private final Clock clock;

    IncidentController(IncidentStore incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    /** An acknowledgement, with an optional first comment. */
    @Serdeable
    record Acknowledgement(@NotBlank String by, @Nullable String comment) {}

    /** A comment. */
    @Serdeable
    record NewComment(@NotBlank String author, @NotBlank String body) {}

    /** One incident with what coordinators wrote about it. */
    @Serdeable
    record IncidentDetail(IncidentView incident, List<IncidentComment> comments) {}

    /**
     * @param state {@code open} (default), {@code resolved} or {@code all}
     * @param departement a département code (52, 2A, 971)
     */
    @Get
    List<IncidentView> list(
            @QueryValue @Nullable String state,
            @QueryValue @Nullable String site,
            @QueryValue @Nullable String departement,
            @QueryValue @Nullable String rule) {
        String wanted = state == null ? "open" : state.toLowerCase(Locale.ROOT);
        if (!List.of("open", "resolved", "all").contains(wanted)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "state must be open, resolved or all: " + state);
        }
        return incidents.find(wanted.equals("all") ? null : wanted, site, departement, rule(rule), LIMIT);
    }

    @Get("/{id}")
    IncidentDetail one(@PathVariable long id) {
        IncidentView incident = incidents.find(id).orElseThrow(() -> notFound(id));
        return new IncidentDetail(incident, incidents.comments(id));
    }

    @Post("/{id}/acknowledgement")
    IncidentView acknowledge(@PathVariable long id, @Valid @Body Acknowledgement acknowledgement) {
        return incidents.acknowledge(id, acknowledgement.by(), acknowledgement.comment(), clock.instant())
                .orElseThrow(() -> notFound(id));
    }

    @Post("/{id}/comments")
    @Status(HttpStatus.CREATED)
    IncidentComment comment(@PathVariable long id, @Valid @Body NewComment comment) {
        return incidents.comment(id, comment.author(), comment.body(), clock.instant())
                .orElseThrow(() -> notFound(id));
    }

    private static Rule rule(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Rule.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "no rule is named " + value);
        }
    }

    private static HttpStatusException notFound(long id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no incident has the id " + id);
    }
}
