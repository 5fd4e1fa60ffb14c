package fr.maillage.encounter;

import io.micronaut.http.HttpRequest;
import java.util.Arrays;

/** FHIR's {@code Prefer: handling=strict|lenient}: lenient (ignore unknown parameters) unless strict is asked. */
final class PreferHandling {

    private PreferHandling() {}

    static boolean strict(HttpRequest<?> request) {
        return request.getHeaders().getAll("Prefer").stream()
                .flatMap(header -> Arrays.stream(header.split("[,;]")))
                .map(String::trim)
                .anyMatch("handling=strict"::equalsIgnoreCase);
    }
}
