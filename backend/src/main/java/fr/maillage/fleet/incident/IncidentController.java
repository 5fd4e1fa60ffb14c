package fr.maillage.fleet.incident;

import fr.maillage.security.InScope;
import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import fr.maillage.security.SiteScopes;
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
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Incidents for coordinators, of the sites of their territory: list, read, acknowledge, comment. */
@Controller("/api/incidents")
@Secured({Roles.COORDINATOR, Roles.ADMIN})
class IncidentController {

    private static final int LIMIT = 500;

    private final IncidentStore incidents;
    private final Clock clock;
    private final SiteScopes scopes;

    IncidentController(IncidentStore incidents, Clock clock, SiteScopes scopes) {
        this.incidents = incidents;
        this.clock = clock;
        this.scopes = scopes;
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
            @QueryValue @Nullable String rule,
            Authentication user) {
        String wanted = state == null ? "open" : state.toLowerCase(Locale.ROOT);
        if (!List.of("open", "resolved", "all").contains(wanted)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "state must be open, resolved or all: " + state);
        }
        List<Object> scopeValues = new ArrayList<>();
        String inScope = scopes.condition(Scope.of(user), "i.site_id", scopeValues);
        return incidents.find(wanted.equals("all") ? null : wanted, site, departement, rule(rule), inScope, scopeValues,
                LIMIT);
    }

    @Get("/{id}")
    @InScope(incident = "id")
    IncidentDetail one(@PathVariable long id) {
        IncidentView incident = incidents.find(id).orElseThrow(() -> notFound(id));
        return new IncidentDetail(incident, incidents.comments(id));
    }

    @Post("/{id}/acknowledgement")
    @InScope(incident = "id")
    IncidentView acknowledge(@PathVariable long id, @Valid @Body Acknowledgement acknowledgement) {
        return incidents.acknowledge(id, acknowledgement.by(), acknowledgement.comment(), clock.instant())
                .orElseThrow(() -> notFound(id));
    }

    @Post("/{id}/comments")
    @InScope(incident = "id")
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
