package fr.maillage.encounter;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.encounter.survey.StoredResponseRepository;
import fr.maillage.encounter.survey.Survey;
import fr.maillage.encounter.survey.SurveyFinder;
import fr.maillage.fhir.MaillageValidationSupport;
import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * The study's questionnaires and their responses. A Questionnaire is a form, readable by anyone signed in; a
 * response is row-level data about a session, so it is served like the session's Encounter: admins, and
 * coordinators and site operators within their scope.
 */
@Controller("/fhir")
class QuestionnaireFhirController {

    static final Set<String> RESPONSE_PARAMETERS = Set.of("encounter", "questionnaire", "_count", "_cursor", "_format");

    private final Map<String, String> questionnaires;
    private final StoredResponseRepository responses;
    private final SurveyFinder finder;
    private final SearchBundles bundles;
    private final OperationOutcomes outcomes;
    private final FhirContext fhir;
    private final StoredResourceReads reads;

    QuestionnaireFhirController(StoredResponseRepository responses, SurveyFinder finder, SearchBundles bundles,
            OperationOutcomes outcomes, FhirContext fhir, StoredResourceReads reads) {
        this.responses = responses;
        this.finder = finder;
        this.bundles = bundles;
        this.outcomes = outcomes;
        this.fhir = fhir;
        this.reads = reads;
        // served as the package ships them, so /fhir and the validator read the same Questionnaire
        this.questionnaires = MaillageValidationSupport.loadConformanceResources(fhir).stream()
                .filter(Questionnaire.class::isInstance)
                .map(Questionnaire.class::cast)
                .collect(Collectors.toUnmodifiableMap(
                        q -> q.getIdElement().getIdPart(), q -> fhir.newJsonParser().encodeResourceToString(q)));
    }

    @Get(uri = "/Questionnaire/{id}", produces = OperationOutcomes.FHIR_JSON)
    @Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    HttpResponse<String> questionnaire(@PathVariable String id) {
        String found = questionnaires.get(id);
        if (found == null) {
            return outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                    "Questionnaire/" + id + " is not known; known: " + new TreeSet<>(questionnaires.keySet()));
        }
        return HttpResponse.ok(found).contentType(OperationOutcomes.FHIR_JSON);
    }

    @Get(uri = "/QuestionnaireResponse/{id}", produces = OperationOutcomes.FHIR_JSON)
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.SITE_OPERATOR})
    HttpResponse<String> response(@PathVariable String id, Authentication user) {
        return reads.read("QuestionnaireResponse", id, user, responses::findById,
                "is about a session of a site outside your scope");
    }

    @Get(uri = "/QuestionnaireResponse", produces = OperationOutcomes.FHIR_JSON)
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.SITE_OPERATOR})
    HttpResponse<String> search(HttpRequest<?> request, Authentication user) {
        Map<String, List<String>> parameters = request.getParameters().asMap();
        SurveyFinder.Search search;
        try {
            search = parse(parameters, PreferHandling.strict(request), Scope.of(user));
        } catch (FhirSearchParser.InvalidSearchException e) {
            return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.INVALID, e.getMessage());
        }
        List<SurveyFinder.Row> rows = finder.find(search);
        boolean more = rows.size() > search.count();
        List<SurveyFinder.Row> page = more ? rows.subList(0, search.count()) : rows;
        List<QuestionnaireResponse> resources = page.stream()
                .map(row -> fhir.newJsonParser().parseResource(QuestionnaireResponse.class, row.resource()))
                .toList();
        String next = more ? cursor(page.getLast()) : null;
        Map<String, List<String>> used = parameters.entrySet().stream()
                .filter(e -> RESPONSE_PARAMETERS.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return HttpResponse.ok(bundles.searchset(request, "QuestionnaireResponse", resources, used, next))
                .contentType(OperationOutcomes.FHIR_JSON);
    }

    private static SurveyFinder.Search parse(Map<String, List<String>> parameters, boolean strict, Scope scope) {
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(RESPONSE_PARAMETERS);
        if (strict && !unknown.isEmpty()) {
            throw new FhirSearchParser.InvalidSearchException("unknown search parameter(s) for QuestionnaireResponse: "
                    + unknown + "; supported: " + new TreeSet<>(RESPONSE_PARAMETERS));
        }
        List<UUID> encounters = new ArrayList<>();
        for (String value : split(parameters.get("encounter"))) {
            String id = value.startsWith("Encounter/") ? value.substring("Encounter/".length()) : value;
            encounters.add(StoredResourceReads.uuid(id).orElseThrow(() -> new FhirSearchParser.InvalidSearchException(
                    "encounter '" + value + "' is not an Encounter of this server: Encounter/{session UUID}")));
        }
        List<Survey> surveys = new ArrayList<>();
        for (String value : split(parameters.get("questionnaire"))) {
            surveys.add(Survey.named(value).orElseThrow(() -> new FhirSearchParser.InvalidSearchException(
                    "questionnaire '" + value + "' is not one of " + Arrays.stream(Survey.values())
                            .map(Survey::canonical).toList())));
        }
        return new SurveyFinder.Search(encounters, surveys, FhirSearchParser.count(parameters.get("_count")),
                cursor(parameters.get("_cursor")), scope);
    }

    private static String cursor(SurveyFinder.Row last) {
        String raw = last.authored() + "|" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<SurveyFinder.Cursor> cursor(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(values.getFirst()), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 2);
            return Optional.of(new SurveyFinder.Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1])));
        } catch (RuntimeException e) {
            throw new FhirSearchParser.InvalidSearchException(
                    "_cursor is not a cursor this server issued; follow the 'next' link");
        }
    }

    private static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .filter(v -> !v.isEmpty()).toList();
    }
}
