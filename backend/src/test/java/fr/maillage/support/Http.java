package fr.maillage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The JDK's HTTP client against the running server: every status comes back as a response, body included.
 * Requests carry a bearer token: an admin's unless another is given, none for {@link #anonymous}.
 */
public final class Http {

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI base;
    private final String token;

    public Http(URI base) {
        this(base, Tokens.admin());
    }

    public Http(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public static Http anonymous(URI base) {
        return new Http(base, null);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public HttpResponse<String> send(HttpRequest request) {
        return send(HttpRequest.newBuilder(request, (name, value) -> true));
    }

    /** Sends a request, adding the bearer token unless the request has its own Authorization header. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        if (token != null && built.headers().firstValue("Authorization").isEmpty()) {
            request.header("Authorization", "Bearer " + token);
            built = request.build();
        }
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
