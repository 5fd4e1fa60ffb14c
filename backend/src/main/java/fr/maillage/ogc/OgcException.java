package fr.maillage.ogc;

import io.micronaut.http.HttpStatus;

/**
 * A request to the OGC API that cannot be answered as asked: a parameter out of its domain (400) or an unknown
 * collection or feature (404). The message says what to fix.
 */
public class OgcException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    private OgcException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** A query parameter whose value is not allowed (OGC exception code {@code InvalidParameterValue}). */
    public static OgcException badParameter(String message) {
        return new OgcException(HttpStatus.BAD_REQUEST, "InvalidParameterValue", message);
    }

    public static OgcException notFound(String message) {
        return new OgcException(HttpStatus.NOT_FOUND, "NotFound", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
