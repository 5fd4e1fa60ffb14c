package fr.maillage.encounter;

/**
 * A session event that satisfied the wire contract but cannot be stored: its Encounter or one of its questionnaire
 * responses would not conform to its profile, or its session belongs to another site. The ingest keeps such a message in the dead letter.
 */
public class SessionRejectedException extends RuntimeException {

    /** Why, as stored in the dead letter and used as a metric tag. */
    public enum Reason {
        NON_CONFORMING_ENCOUNTER,
        NON_CONFORMING_RESPONSE,
        SESSION_OF_ANOTHER_SITE
    }

    private final Reason reason;

    public SessionRejectedException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
