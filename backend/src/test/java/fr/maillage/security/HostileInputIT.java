package fr.maillage.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.Tokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests across the main routes, as an admin (who passes every access rule, so the input itself is what
 * is judged): each gets a 4xx whose body says precisely what was wrong — an OperationOutcome under /fhir — and never
 * a 500 or a stack trace.
 */
@MicronautTest
class HostileInputIT extends RealServers {

    @Inject EmbeddedServer server;

    /** A request, the status it must get, and a fragment its error message must contain. */
    private record Case(String method, String path, String contentType, String body, int status, String says) {}

    private static final String JSON = "application/json";
    private static final String FHIR = "application/fhir+json";
    private static final String SQL = "%27%20OR%201%3D1--";
    private static final String TRAVERSAL = "..%2F..%2F..%2Fetc%2Fpasswd";

    private static final List<Case> CASES = List.of(
            // malformed JSON, wrong types, missing fields
            new Case("POST", "/api/incidents/1/acknowledgement", JSON, "{\"by\":", 400, "JSON"),
            new Case("POST", "/api/incidents/1/acknowledgement", JSON, "{\"by\":{\"nested\":true}}", 400,
                    "expected VALUE_STRING"),
            new Case("POST", "/api/incidents/1/comments", JSON, "{\"author\":\"\",\"body\":\"\"}", 400, "must not be blank"),
            new Case("PUT", "/api/sites/nowhere/opening-hours", JSON, "[1,2,3]", 400, ""),
            new Case("PUT", "/api/sites/nowhere/opening-hours", JSON, "{\"openingHours\":\"Mon-Fri 25:00-99:00\"}",
                    400, ""),
            new Case("POST", "/api/portal/sites/nowhere/sessions", JSON, "not json at all", 400, "JSON"),
            new Case("POST", "/api/portal/reports/departements/55.pdf", JSON, "{\"map\":\"data:image/gif;base64,R0lG\"}",
                    400, "PNG"),
            new Case("POST", "/api/admin/territory/imports", JSON, "{\"dataset\":\"NOPE\"}", 400, ""),
            new Case("POST", "/api/admin/territory/imports", JSON,
                    "{\"dataset\":\"COMMUNES\",\"path\":\"../../../../etc/passwd\"}", 400, "import"),
            new Case("POST", "/fhir/$export", FHIR, "{\"resourceType\":", 400, ""),
            // unknown codes
            new Case("GET", "/api/incidents?state=sideways", null, null, 400, "state must be"),
            new Case("GET", "/api/incidents?rule=NO_SUCH_RULE", null, null, 400, "no rule"),
            new Case("GET", "/api/sites?kind=SPACESHIP", null, null, 400, "SPACESHIP"),
            new Case("GET", "/api/territories/planets", null, null, 400, "unknown territory level"),
            new Case("GET", "/api/territories/departements/99999/indicators", null, null, 400, "not a valid code"),
            new Case("GET", "/api/sites/x/availability?granularity=fortnight", null, null, 400, "granularity"),
            new Case("GET", "/fhir/Encounter?status=exploded", null, null, 400, ""),
            new Case("GET", "/fhir/Encounter?_count=many", null, null, 400, "_count"),
            new Case("GET", "/fhir/Location?type=SPACESHIP", null, null, 400, "not a site kind"),
            // SQL-looking strings
            new Case("GET", "/api/sites/x" + SQL, null, null, 404, "no site"),
            new Case("GET", "/api/territories/departements/55" + SQL + "/indicators", null, null, 400, ""),
            new Case("GET", "/api/incidents?site=" + SQL, null, null, 200, null),
            new Case("GET", "/fhir/Encounter/" + SQL, null, null, 400, "not a valid FHIR id"),
            new Case("GET", "/fhir/Location?address-city=" + SQL, null, null, 200, null),
            new Case("GET", "/api/admin/audit?user=" + SQL, null, null, 200, null),
            new Case("GET", "/api/admin/audit?from=yesterday", null, null, 400, ""),
            // path traversal in export names and paths
            new Case("GET", "/fhir/$export-file/" + UUID.randomUUID() + "/" + TRAVERSAL + ".ndjson", null,
                    null, 404, ""),
            new Case("GET", "/fhir/$export-status/" + TRAVERSAL, null, null, 404, ""),
            new Case("GET", "/api/portal/reports/departements/" + TRAVERSAL + ".pdf", null, null, 400, ""),
            new Case("GET", "/api/portal/territories/departements/" + TRAVERSAL + "/communes.csv", null, null, 400, ""),
            new Case("GET", "/api/territories/communes.csv?departements=" + TRAVERSAL, null, null, 400,
                    "not a département code"));

    @Test
    void hostileRequestsGetAPreciseClientErrorAndNoStackTrace() {
        Http admin = new Http(server.getURI());
        List<String> wrong = new ArrayList<>();
        for (Case c : CASES) {
            HttpResponse<String> response = admin.send(request(c.method(), c.path(), c.contentType(), c.body()));
            String problem = judge(c, response);
            if (problem != null) {
                wrong.add(c.method() + " " + c.path() + ": " + problem);
            }
        }
        assertThat(wrong).as("hostile requests not answered as they should be").isEmpty();
    }

    @Test
    void oversizedBodiesAreRefusedWith413() {
        String big = "{\"by\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";
        Http admin = new Http(server.getURI());

        HttpResponse<String> api = admin.send(request("POST", "/api/incidents/1/acknowledgement", JSON, big));
        HttpResponse<String> fhir = admin.send(request("POST", "/fhir/$export", FHIR, big));

        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(fhir.statusCode()).isEqualTo(413);
        assertThat(fhir.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("too-long");
    }

    @Test
    void fhirRefusalsByTheSecurityLayerAreOperationOutcomes() {
        HttpResponse<String> anonymous = Http.anonymous(server.getURI()).get("/fhir/Encounter");
        HttpResponse<String> evaluator =
                new Http(server.getURI(), Tokens.evaluator()).get("/fhir/Encounter");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("login");
        assertThat(evaluator.statusCode()).isEqualTo(403);
        assertThat(evaluator.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("forbidden");
    }

    private static String judge(Case c, HttpResponse<String> response) {
        String body = response.body();
        if (response.statusCode() != c.status()) {
            return "expected " + c.status() + ", got " + response.statusCode() + " " + body;
        }
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("at fr.maillage")) {
            return "the body shows internals: " + body;
        }
        if (c.status() < 400) {
            return null;
        }
        if (c.path().startsWith("/fhir") && !body.contains("\"resourceType\":\"OperationOutcome\"")) {
            return "a FHIR error must be an OperationOutcome: " + body;
        }
        if (body.isBlank() || !body.contains(c.says())) {
            return "the message must say '" + c.says() + "': " + body;
        }
        return null;
    }

    private HttpRequest.Builder request(String method, String path, String contentType, String body) {
        var request = HttpRequest.newBuilder(URI.create(server.getURI() + path));
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
    }
}
