package fr.maillage.security;

import fr.maillage.encounter.OperationOutcomes;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Under {@code /fhir}, every error the framework answers itself — authentication, roles, malformed or oversized
 * bodies, conversion failures — is an OperationOutcome keeping the framework's precise message, so that a FHIR
 * client reads one kind of error body. Every other path keeps Micronaut's own error bodies, chosen as Micronaut's
 * default processor (which this replaces) chooses them: an HTML page for a browser, JSON for everyone else.
 */
@Singleton
@Primary
class FhirErrorResponses implements ErrorResponseProcessor<Object> {

    private final OperationOutcomes outcomes;
    private final JsonErrorResponseBodyProvider<?> json;
    private final HtmlErrorResponseBodyProvider html;

    FhirErrorResponses(
            OperationOutcomes outcomes, JsonErrorResponseBodyProvider<?> json, HtmlErrorResponseBodyProvider html) {
        this.outcomes = outcomes;
        this.json = json;
        this.html = html;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        MutableHttpResponse<Object> error = (MutableHttpResponse<Object>) response;
        HttpRequest<?> request = context.getRequest();
        if (request.getMethod() == HttpMethod.HEAD) {
            return error;
        }
        HttpStatus status = response.getStatus();
        if (request.getPath().startsWith("/fhir")) {
            String outcome = outcomes.response(status, issueType(status), diagnostics(context, status)).body();
            return error.body((Object) outcome).contentType(OperationOutcomes.FHIR_JSON);
        }
        if (status.getCode() >= 400 && wantsHtml(request)) {
            return error.body((Object) html.body(context, response)).contentType(html.contentType());
        }
        return error.body((Object) json.body(context, response)).contentType(json.contentType());
    }

    private static boolean wantsHtml(HttpRequest<?> request) {
        return request.accept().stream().anyMatch(type -> type.equals(MediaType.TEXT_HTML_TYPE))
                && request.accept().stream().noneMatch(type -> type.matchesExtension(MediaType.EXTENSION_JSON));
    }

    private static String diagnostics(ErrorContext context, HttpStatus status) {
        List<String> messages = context.getErrors().stream().map(Error::getMessage).toList();
        if (messages.isEmpty() || messages.equals(List.of(status.getReason()))) {
            return switch (status.getCode()) {
                case 401 -> "authentication required: send a bearer token";
                case 403 -> "this account's role or scope does not allow this request";
                default -> status.getReason();
            };
        }
        return String.join("; ", messages);
    }

    private static IssueType issueType(HttpStatus status) {
        return switch (status.getCode()) {
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404 -> IssueType.NOTFOUND;
            case 405, 406, 415 -> IssueType.NOTSUPPORTED;
            case 413 -> IssueType.TOOLONG;
            case 422 -> IssueType.PROCESSING;
            default -> status.getCode() >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
        };
    }
}
