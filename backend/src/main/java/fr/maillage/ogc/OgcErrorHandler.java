package fr.maillage.ogc;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Answers an {@link OgcException} with the OGC API's exception body ({@code code}, {@code description}). */
@Produces
@Singleton
@Requires(classes = {OgcException.class, ExceptionHandler.class})
public class OgcErrorHandler implements ExceptionHandler<OgcException, HttpResponse<OgcErrorHandler.Problem>> {

    /**
     * @param code the OGC exception code
     * @param description what to fix
     * @param status the HTTP status
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Problem(String code, String description, int status) {}

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, OgcException exception) {
        return HttpResponse.<Problem>status(exception.status())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new Problem(exception.code(), exception.getMessage(), exception.status().getCode()));
    }
}
