package fr.maillage.agent.probe;

import java.net.http.HttpClient;
import java.time.Duration;

/** One HTTP client for every probe: it owns a selector thread, which an agent of 64 MB should not multiply. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private Http() {}
}
