package fr.maillage.territory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Turns a {@link BadTerritoryRequest} into a 400 whose body says what was wrong. */
@Produces
@Singleton
@Requires(classes = {BadTerritoryRequest.class, ExceptionHandler.class})
public class TerritoryErrorHandler implements ExceptionHandler<BadTerritoryRequest, HttpResponse<TerritoryErrorHandler.Problem>> {

    /**
     * @param status the HTTP status
     * @param message what to fix
     * @param path the request path
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Problem(int status, String message, String path) {}

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, BadTerritoryRequest exception) {
        return HttpResponse.badRequest(new Problem(400, exception.getMessage(), request.getPath()));
    }
}
