package fr.maillage.contract;

/**
 * Why a payload was refused, with a precise, human-readable detail. Rejections are stored (dead letter)
 * and counted by reason, so the reasons are a closed set.
 */
public record Rejection(Reason reason, String detail) {

    /** The closed set of reasons; used as a metric tag. */
    public enum Reason {
        UNKNOWN_TOPIC,
        TOO_LARGE,
        MALFORMED_JSON,
        UNSUPPORTED_VERSION,
        SCHEMA_VIOLATION,
        SITE_MISMATCH,
        INCONSISTENT
    }
}
