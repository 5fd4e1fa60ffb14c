package fr.maillage.security;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an audit record for every read of health data (Encounters, exports, reports) and every change, once the
 * response is known. Anonymous requests are not recorded: the security rules refused them before any data.
 */
@ServerFilter("/**")
class AuditFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    /** Paths whose reads are audited: health data (Encounters, bulk exports, reports) and the broker's accounts. */
    private static final List<String> AUDITED_READS = List.of(
            "/fhir/Encounter", "/fhir/$export", "/fhir/Group/", "/api/portal/reports/", "/api/admin/mqtt/",
            "/api/study/");

    /** Downloads, wherever they are served: a file of figures about patients leaves the application. */
    private static final List<String> EXPORT_SUFFIXES = List.of(".csv", ".geojson", ".pdf", ".ndjson");

    private final AuditRecordRepository records;
    private final Clock clock = Clock.systemUTC();

    AuditFilter(AuditRecordRepository records) {
        this.records = records;
    }

    @ResponseFilter
    void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<Authentication> user = request.getUserPrincipal(Authentication.class);
        if (user.isEmpty() || !audited(request)) {
            return;
        }
        try {
            records.save(new AuditRecord(
                    null,
                    clock.instant(),
                    user.get().getName(),
                    String.join(",", user.get().getRoles()),
                    request.getMethodName(),
                    request.getUri().toString(),
                    response.code(),
                    request.getRemoteAddress().getAddress().getHostAddress()));
        } catch (RuntimeException e) {
            // The response is already decided; losing the record must be loud, not silent.
            log.error("audit record not written [user: {}, path: {}]", user.get().getName(), request.getPath(), e);
        }
    }

    static boolean audited(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS) {
            return true;
        }
        String path = request.getPath();
        return AUDITED_READS.stream().anyMatch(path::startsWith) || EXPORT_SUFFIXES.stream().anyMatch(path::endsWith);
    }
}
