package fr.maillage.agent.session;

import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import java.util.UUID;

/**
 * Where the CLI and the form hand in a session step: it is validated, recorded, and the register of open
 * sessions follows.
 */
public final class SessionDesk {

    /** Records a valid event durably (the agent's API, or the outbox directly from the CLI). */
    @FunctionalInterface
    public interface Recorder {
        SessionEvent record(SessionEvent.Type type, UUID sessionId, SessionDetails details);
    }

    private final SessionValidator validator;
    private final SessionRegister register;
    private final Recorder recorder;

    public SessionDesk(SessionValidator validator, SessionRegister register, Recorder recorder) {
        this.validator = validator;
        this.register = register;
        this.recorder = recorder;
    }

    /** Validates and, when valid, records; the returned {@link Validation.Valid} has been recorded. */
    public Validation submit(SessionRequest request) {
        Validation validation = validator.validate(request, register::find);
        if (validation instanceof Validation.Valid valid) {
            recorder.record(valid.type(), valid.sessionId(), valid.details());
            if (valid.type() == SessionEvent.Type.STARTED) {
                register.opened(new OpenSession(
                        valid.sessionId(), valid.details().startedAt(), valid.details().assistingProfessional()));
            } else {
                register.closed(valid.sessionId());
            }
        }
        return validation;
    }

    public SessionRegister register() {
        return register;
    }
}
