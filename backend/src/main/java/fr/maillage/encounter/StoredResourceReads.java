package fr.maillage.encounter;

import fr.maillage.security.Scope;
import fr.maillage.security.SiteScopes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The read of one row-level resource by its logical id, alike for every type stored with its site: the id is checked
 * against FHIR's syntax, a resource about a site outside the caller's scope is refused, the version goes out as ETag.
 */
@Singleton
class StoredResourceReads {

    private final OperationOutcomes outcomes;
    private final SiteScopes scopes;

    StoredResourceReads(OperationOutcomes outcomes, SiteScopes scopes) {
        this.outcomes = outcomes;
        this.scopes = scopes;
    }

    /**
     * @param type the FHIR resource type, for the messages
     * @param find the stored resource of a UUID id (ids that are no UUID are simply unknown)
     * @param outsideScope how the refusal ends, after "{type}/{id} "
     */
    HttpResponse<String> read(String type, String id, Authentication user,
            Function<UUID, Optional<? extends StoredResource>> find, String outsideScope) {
        if (!EncounterFhirController.FHIR_ID.matcher(id).matches()) {
            return outcomes.response(HttpStatus.BAD_REQUEST, IssueType.INVALID,
                    "'" + id + "' is not a valid FHIR id (1 to 64 letters, digits, '-' or '.')");
        }
        return uuid(id)
                .flatMap(find)
                .<HttpResponse<String>>map(stored -> !scopes.covers(Scope.of(user), stored.siteId())
                        ? outcomes.response(HttpStatus.FORBIDDEN, IssueType.FORBIDDEN,
                                type + "/" + id + " " + outsideScope)
                        : HttpResponse.ok(stored.resource())
                                .contentType(OperationOutcomes.FHIR_JSON)
                                .header(HttpHeaders.ETAG, "W/\"" + stored.versionId() + "\"")
                                .header(HttpHeaders.LAST_MODIFIED, stored.updatedAt().toString()))
                .orElseGet(() -> outcomes.response(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                        type + "/" + id + " is not known"));
    }

    static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
