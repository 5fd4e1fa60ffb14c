package fr.maillage.portal;

import fr.maillage.agent.commune.CommuneDirectory;
import fr.maillage.agent.session.SessionRequest;
import fr.maillage.agent.session.SessionValidator;
import fr.maillage.agent.session.Validation;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.WireMessage;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Registers a finished session typed in the portal: the agent's validator (same checks and French messages as
 * the site's own form, ending with the wire contract), then the session event published for the ingest.
 */
@Singleton
class SessionEntry {

    /** Something to fix, named by the form input it concerns ({@code ""} for the whole form). */
    @Serdeable
    record FieldProblem(String field, String message) {}

    /** Either the session published, or what to fix. */
    sealed interface Result {
        record Published(UUID sessionId) implements Result {}

        record Refused(List<FieldProblem> problems) implements Result {}
    }

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final SessionValidator validator;
    private final SessionPublisher publisher;
    private final Clock clock;
    /** Per-publisher sequence of the events, as the contract asks; starts at the clock so restarts keep rising. */
    private final AtomicLong sequence;

    SessionEntry(SessionPublisher publisher) {
        this.publisher = publisher;
        this.clock = Clock.systemUTC();
        this.validator = new SessionValidator(CommuneDirectory.shipped(), clock);
        this.sequence = new AtomicLong(clock.millis());
    }

    Result register(String siteId, SessionForm form) throws MqttException {
        UUID sessionId = UUID.randomUUID();
        SessionRequest request = new SessionRequest("end", sessionId.toString(), instant(form.startedAt()),
                instant(form.endedAt()), form.professional(), form.specialty(), form.reason(), form.ageBand(),
                form.sex(), form.commune(), form.regularDoctor(), form.devices(), form.outcome(),
                form.satisfaction(), form.roleStrengthened());
        Validation validation = validator.validate(request, id -> Optional.empty());
        if (validation instanceof Validation.Invalid invalid) {
            return new Result.Refused(invalid.problems().stream()
                    .map(p -> new FieldProblem(p.field(), p.message()))
                    .toList());
        }
        Validation.Valid valid = (Validation.Valid) validation;
        publisher.publish(new SessionEvent(WireMessage.SCHEMA_VERSION, UUID.randomUUID(), siteId, clock.instant(), 0,
                sequence.incrementAndGet(), valid.sessionId(), valid.type(), valid.details()));
        return new Result.Published(valid.sessionId());
    }

    /**
     * The form's local time as the ISO instant the validator reads; anything else is passed on untouched so the
     * validator's message about it is the one shown.
     */
    static String instant(String typed) {
        if (typed == null || typed.isBlank()) {
            return typed;
        }
        try {
            return LocalDateTime.parse(typed.trim()).atZone(FRANCE).toInstant().toString();
        } catch (DateTimeParseException e) {
            return typed;
        }
    }
}
