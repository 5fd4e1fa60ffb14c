package fr.maillage.encounter.export;

import io.micronaut.security.annotation.Secured;
import fr.maillage.security.Roles;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import fr.maillage.encounter.OperationOutcomes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * FHIR Bulk Data {@code $export} of Encounters, Locations and QuestionnaireResponses: the whole server, or one
 * département's sites ({@code Group/{code}}, e.g. {@code Group/55}). Follows the asynchronous request pattern.
 */
@Controller("/fhir")
@Secured(Roles.ADMIN)
class BulkExportController {

    static final List<String> TYPES = List.of("Encounter", "Location", "QuestionnaireResponse");
    private static final Set<String> NDJSON = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");
    private static final Pattern DEPARTEMENT = Pattern.compile("[0-9]{2}|2[AB]|97[0-9]");

    private final ExportJobRepository jobs;
    private final ExportRunner runner;
    private final OperationOutcomes outcomes;
    private final HttpHostResolver hosts;
    private final JsonMapper json;
    private final FhirContext fhir;

    BulkExportController(
            ExportJobRepository jobs,
            ExportRunner runner,
            OperationOutcomes outcomes,
            HttpHostResolver hosts,
            JsonMapper json,
            FhirContext fhir) {
        this.fhir = fhir;
        this.jobs = jobs;
        this.runner = runner;
        this.outcomes = outcomes;
        this.hosts = hosts;
        this.json = json;
    }

    @Get(uri = "/$export", produces = {OperationOutcomes.FHIR_JSON, MediaType.APPLICATION_JSON})
    HttpResponse<String> exportAll(HttpRequest<?> request) {
        return kickOff(request, queryParameters(request), null);
    }

    /** The Bulk Data spec also allows POST with the parameters in a Parameters resource. */
    @Post(uri = "/$export", consumes = {OperationOutcomes.FHIR_JSON, MediaType.APPLICATION_JSON},
            produces = {OperationOutcomes.FHIR_JSON, MediaType.APPLICATION_JSON})
    HttpResponse<String> exportAllPosted(HttpRequest<?> request, @Nullable @Body String parameters) {
        return posted(request, parameters, null);
    }

    @Get(uri = "/Group/{id}/$export", produces = {OperationOutcomes.FHIR_JSON, MediaType.APPLICATION_JSON})
    HttpResponse<String> exportGroup(HttpRequest<?> request, @PathVariable String id) {
        return group(id).orElseGet(() -> kickOff(request, queryParameters(request), id));
    }

    @Post(uri = "/Group/{id}/$export", consumes = {OperationOutcomes.FHIR_JSON, MediaType.APPLICATION_JSON},
            produces = {OperationOutcomes.FHIR_JSON, MediaType.APPLICATION_JSON})
    HttpResponse<String> exportGroupPosted(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String parameters) {
        return group(id).orElseGet(() -> posted(request, parameters, id));
    }

    /** A 404 when the id is not a département. */
    private Optional<HttpResponse<String>> group(String id) {
        if (DEPARTEMENT.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.of(outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                "Group/" + id + " is not known: groups are départements, e.g. Group/55"));
    }

    private HttpResponse<String> posted(HttpRequest<?> request, String body, String group) {
        Map<String, String> parameters = new LinkedHashMap<>(queryParameters(request));
        if (body != null && !body.isBlank()) {
            try {
                Parameters resource = fhir.newJsonParser().parseResource(Parameters.class, body);
                resource.getParameter().forEach(p -> parameters.put(p.getName(), p.getValue().primitiveValue()));
            } catch (DataFormatException e) {
                return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.STRUCTURE,
                        "the body must be a FHIR Parameters resource: " + e.getMessage());
            }
        }
        return kickOff(request, parameters, group);
    }

    private static Map<String, String> queryParameters(HttpRequest<?> request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        request.getParameters().forEach((name, values) -> parameters.put(name, values.getFirst()));
        return parameters;
    }

    private HttpResponse<String> kickOff(HttpRequest<?> request, Map<String, String> parameters, String group) {
        boolean async = request.getHeaders().getAll("Prefer").stream().anyMatch(p -> p.contains("respond-async"));
        if (!async) {
            return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.INVALID,
                    "$export runs asynchronously: send the header 'Prefer: respond-async'");
        }
        Optional<String> format = Optional.ofNullable(parameters.get("_outputFormat"));
        if (format.isPresent() && !NDJSON.contains(format.get())) {
            return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.NOTSUPPORTED,
                    "_outputFormat '" + format.get() + "' is not supported; use application/fhir+ndjson");
        }
        List<String> types = Optional.ofNullable(parameters.get("_type"))
                .map(t -> Arrays.stream(t.split(",")).map(String::trim).toList())
                .orElse(TYPES);
        for (String type : types) {
            if (!TYPES.contains(type)) {
                return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.NOTSUPPORTED,
                        "_type '" + type + "' cannot be exported; supported: " + TYPES);
            }
        }
        Instant since;
        try {
            since = Optional.ofNullable(parameters.get("_since")).map(Instant::parse).orElse(null);
        } catch (DateTimeParseException e) {
            return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.INVALID,
                    "_since must be an instant such as 2026-01-01T00:00:00Z");
        }
        var job = new ExportJob(UUID.randomUUID(), ExportStatus.IN_PROGRESS, hosts.resolve(request) + request.getUri(),
                String.join(",", types), since, group, Instant.now(), null, null, "[]");
        jobs.save(job);
        runner.submit(job);
        return HttpResponse.<String>status(HttpStatus.ACCEPTED)
                .header("Content-Location", base(request) + "/$export-status/" + job.id());
    }

    @Get(uri = "/$export-status/{jobId}")
    HttpResponse<String> status(HttpRequest<?> request, @PathVariable String jobId) {
        Optional<ExportJob> found = job(jobId);
        if (found.isEmpty()) {
            return outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "no export job " + jobId);
        }
        ExportJob job = found.get();
        return switch (job.status()) {
            case IN_PROGRESS -> HttpResponse.<String>status(HttpStatus.ACCEPTED)
                    .header("X-Progress", "in progress")
                    .header("Retry-After", "2");
            case COMPLETED -> HttpResponse.ok(manifest(request, job)).contentType("application/json");
            case FAILED -> outcomes.response(HttpStatus.INTERNAL_SERVER_ERROR, IssueType.EXCEPTION,
                    "export failed: " + job.error());
            case CANCELLED -> outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                    "export job " + jobId + " was cancelled");
        };
    }

    @Delete(uri = "/$export-status/{jobId}")
    HttpResponse<String> cancel(@PathVariable String jobId) {
        if (job(jobId).isEmpty()) {
            return outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "no export job " + jobId);
        }
        runner.delete(UUID.fromString(jobId));
        return HttpResponse.status(HttpStatus.ACCEPTED);
    }

    /** Bulk Data clients ask for the files with {@code Accept: application/fhir+ndjson}; errors stay FHIR JSON. */
    @Get(uri = "/$export-file/{jobId}/{type}.ndjson", produces = {"application/fhir+ndjson", OperationOutcomes.FHIR_JSON})
    MutableHttpResponse<?> file(@PathVariable String jobId, @PathVariable String type) {
        Optional<ExportJob> job = job(jobId).filter(j -> j.status() == ExportStatus.COMPLETED);
        if (job.isEmpty() || !TYPES.contains(type)) {
            return outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                    "no file " + type + ".ndjson for export job " + jobId);
        }
        Path file = runner.directory(job.get().id()).resolve(type + ".ndjson");
        if (!Files.exists(file)) {
            return outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                    type + ".ndjson was not asked for in export job " + jobId);
        }
        return HttpResponse.ok(new SystemFile(file.toFile(), MediaType.of("application/fhir+ndjson")));
    }

    private Optional<ExportJob> job(String jobId) {
        try {
            return jobs.findById(UUID.fromString(jobId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String base(HttpRequest<?> request) {
        return hosts.resolve(request) + "/fhir";
    }

    private String manifest(HttpRequest<?> request, ExportJob job) {
        try {
            List<Map<String, Object>> written =
                    json.readValue(job.output(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
            List<Map<String, Object>> output = written.stream().map(o -> {
                Map<String, Object> entry = new LinkedHashMap<>(o);
                entry.put("url", base(request) + "/$export-file/" + job.id() + "/" + o.get("type") + ".ndjson");
                return entry;
            }).toList();
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("transactionTime", job.transactionTime().toString());
            manifest.put("request", job.requestUrl());
            // The files are served to the same authenticated users as the kick-off, with their bearer token.
            manifest.put("requiresAccessToken", true);
            manifest.put("output", output);
            manifest.put("error", List.of());
            return json.writeValueAsString(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of " + job.id(), e);
        }
    }
}
