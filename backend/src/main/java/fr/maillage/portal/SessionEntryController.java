package fr.maillage.portal;

import fr.maillage.agent.commune.CommuneDirectory;
import fr.maillage.agent.session.Labels;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.fleet.SiteRepository;
import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import fr.maillage.security.SiteScopes;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Session entry for site operators: the form's choices, and the registration of a finished session. */
@Controller("/api/portal")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
class SessionEntryController {

    /** A choice of a select, checkbox or radio: the contract's code and its French label. */
    @Serdeable
    record Choice(String code, String label) {}

    /**
     * What the form offers, with the agent form's labels.
     *
     * @param choices per input name, the codes and labels offered
     * @param communes "Name (code)" labels of the communes of the network, for the commune input's list
     */
    @Serdeable
    record FormChoices(Map<String, List<Choice>> choices, List<String> communes) {}

    /**
     * @param sessionId the new session, which is also the id of its Encounter
     * @param encounter where the Encounter will be read once ingested
     */
    @Serdeable
    record Registered(UUID sessionId, String encounter) {}

    @Serdeable
    record Refused(List<SessionEntry.FieldProblem> problems) {}

    private final SessionEntry entry;
    private final SiteRepository sites;
    private final SiteScopes scopes;
    private final FormChoices choices;

    SessionEntryController(SessionEntry entry, SiteRepository sites, SiteScopes scopes) {
        this.entry = entry;
        this.sites = sites;
        this.scopes = scopes;
        this.choices = new FormChoices(
                Map.of(
                        "professional", choices(SessionDetails.ProfessionalRole.values()),
                        "specialty", choices(SessionDetails.PhysicianSpecialty.values()),
                        "reason", choices(SessionDetails.RecourseReason.values()),
                        "age-band", choices(PatientProfile.AgeBand.values()),
                        "sex", choices(PatientProfile.Sex.values()),
                        "outcome", choices(SessionDetails.Outcome.values()),
                        "role-strengthened", choices(SessionDetails.Agreement.values()),
                        "devices", choices(Labels.PERIPHERALS.toArray(Enum[]::new))),
                CommuneDirectory.shipped().all().stream().map(c -> c.label()).toList());
    }

    @Get("/session-form")
    FormChoices form() {
        return choices;
    }

    @Post("/sites/{id}/sessions")
    HttpResponse<?> register(@PathVariable String id, @Body SessionForm form, Authentication user) {
        if (!sites.existsById(id)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no site has the id " + id);
        }
        if (!scopes.covers(Scope.of(user), id)) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "this account may not register sessions of site " + id);
        }
        SessionEntry.Result result;
        try {
            result = entry.register(id, form);
        } catch (MqttException e) {
            // nothing was published: the person can send the same form again once the broker is back
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the session could not be handed to the broker, try again: " + e.getMessage());
        }
        return switch (result) {
            case SessionEntry.Result.Published published -> {
                String encounter = "/fhir/Encounter/" + published.sessionId();
                yield HttpResponse.created(new Registered(published.sessionId(), encounter), URI.create(encounter));
            }
            case SessionEntry.Result.Refused refused ->
                HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new Refused(refused.problems()));
        };
    }

    private static List<Choice> choices(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> new Choice(v.name(), Labels.french(v))).toList();
    }
}
