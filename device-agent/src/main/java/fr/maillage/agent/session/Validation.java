package fr.maillage.agent.session;

import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import java.util.List;
import java.util.UUID;

/** The outcome of checking a {@link SessionRequest}: an event ready to record, or what to fix. */
public sealed interface Validation {

    record Valid(SessionEvent.Type type, UUID sessionId, SessionDetails details) implements Validation {}

    record Invalid(List<Problem> problems) implements Validation {

        public Invalid {
            problems = List.copyOf(problems);
        }

        /** One line per problem, for the CLI. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            problems.forEach(p -> text.append("  --").append(p.field()).append(" : ").append(p.message()).append('\n'));
            return text.toString();
        }
    }
}
