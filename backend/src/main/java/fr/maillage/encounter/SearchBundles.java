package fr.maillage.encounter;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/** Builds searchset Bundles with absolute {@code self} and {@code next} links, as FHIR clients page through them. */
@Singleton
class SearchBundles {

    private final FhirContext fhir;
    private final HttpHostResolver hosts;

    SearchBundles(FhirContext fhir, HttpHostResolver hosts) {
        this.fhir = fhir;
        this.hosts = hosts;
    }

    /** The server's FHIR base as the client reached it, e.g. {@code http://localhost:8080/fhir}. */
    String base(HttpRequest<?> request) {
        return hosts.resolve(request) + "/fhir";
    }

    /**
     * @param used the parameters the search used, in the form the client sent them (FHIR's self link shows only
     *     those)
     * @param nextCursor the cursor of the next page, or null on the last page
     */
    String searchset(
            HttpRequest<?> request,
            String type,
            List<? extends Resource> resources,
            Map<String, List<String>> used,
            String nextCursor) {
        String base = base(request);
        var bundle = new Bundle();
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.getMeta().setLastUpdated(new Date());
        bundle.addLink().setRelation("self").setUrl(base + "/" + type + query(used, null));
        if (nextCursor != null) {
            bundle.addLink().setRelation("next").setUrl(base + "/" + type + query(used, nextCursor));
        }
        for (Resource resource : resources) {
            bundle.addEntry()
                    .setFullUrl(base + "/" + type + "/" + resource.getIdElement().getIdPart())
                    .setResource(resource)
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }

    private static String query(Map<String, List<String>> used, String cursor) {
        String parameters = used.entrySet().stream()
                .filter(e -> !Set.of("_cursor", "_format").contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        if (cursor != null) {
            parameters = parameters.isEmpty() ? "_cursor=" + cursor : parameters + "&_cursor=" + cursor;
        }
        return parameters.isEmpty() ? "" : "?" + parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
