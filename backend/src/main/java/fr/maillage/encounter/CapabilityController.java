package fr.maillage.encounter;

import io.micronaut.security.annotation.Secured;
import fr.maillage.security.Roles;
import ca.uhn.fhir.context.FhirContext;
import fr.maillage.fhir.MaillageFhir;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations;

/** {@code GET /fhir/metadata}: exactly what this server supports, and nothing it does not. */
@Controller("/fhir")
@Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
class CapabilityController {

    private final FhirContext fhir;
    private final SearchBundles bundles;

    CapabilityController(FhirContext fhir, SearchBundles bundles) {
        this.fhir = fhir;
        this.bundles = bundles;
    }

    @Get(uri = "/metadata", produces = OperationOutcomes.FHIR_JSON)
    HttpResponse<String> metadata(HttpRequest<?> request) {
        var capability = new CapabilityStatement();
        capability.setStatus(Enumerations.PublicationStatus.ACTIVE);
        capability.setDate(new Date());
        capability.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        capability.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        capability.addFormat("application/fhir+json");
        capability.getSoftware().setName("Maillage");
        capability.getImplementation()
                .setDescription("Maillage — assisted teleconsultation sites")
                .setUrl(bundles.base(request));
        CapabilityStatementRestComponent rest = capability.addRest();
        rest.setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);

        CapabilityStatementRestResourceComponent encounter = resource(rest, "Encounter", MaillageFhir.ENCOUNTER_PROFILE);
        search(encounter, "date", Enumerations.SearchParamType.DATE, "Encounter.period, with prefixes eq ge gt le lt");
        search(encounter, "location", Enumerations.SearchParamType.REFERENCE, "the site: Location/{id} or {id}");
        search(encounter, "status", Enumerations.SearchParamType.TOKEN, "in-progress | finished | cancelled");
        search(encounter, "_lastUpdated", Enumerations.SearchParamType.DATE, "last update, with prefixes");
        encounter.addOperation()
                .setName("export")
                .setDefinition("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export");

        CapabilityStatementRestResourceComponent location = resource(rest, "Location", MaillageFhir.SITE_PROFILE);
        search(location, "address-city", Enumerations.SearchParamType.STRING,
                "commune name (starts with) or INSEE commune code");
        search(location, "type", Enumerations.SearchParamType.TOKEN, "site kind");

        CapabilityStatementRestResourceComponent response = resource(rest, "QuestionnaireResponse", null);
        response.addSupportedProfile(MaillageFhir.PATIENT_SURVEY_RESPONSE_PROFILE)
                .addSupportedProfile(MaillageFhir.ASSISTING_PROFESSIONAL_SURVEY_RESPONSE_PROFILE);
        search(response, "encounter", Enumerations.SearchParamType.REFERENCE, "the session: Encounter/{id} or {id}");
        search(response, "questionnaire", Enumerations.SearchParamType.REFERENCE,
                "the Questionnaire's canonical URL, Questionnaire/{id} or {id}");
        readOnly(rest, "Questionnaire", null);

        readOnly(rest, "Device", MaillageFhir.PERIPHERAL_PROFILE);
        readOnly(rest, "Organization", MaillageFhir.SITE_OPERATOR_PROFILE);

        rest.addOperation()
                .setName("export")
                .setDefinition("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export");
        return HttpResponse.ok(fhir.newJsonParser().encodeResourceToString(capability))
                .contentType(OperationOutcomes.FHIR_JSON);
    }

    /** A type served by read only: no search, so no search parameters. */
    private static void readOnly(CapabilityStatementRestComponent rest, String type, String profile) {
        rest.addResource().setType(type).setProfile(profile)
                .addInteraction().setCode(TypeRestfulInteraction.READ);
    }

    private static CapabilityStatementRestResourceComponent resource(
            CapabilityStatementRestComponent rest, String type, String profile) {
        CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type).setProfile(profile);
        resource.addInteraction().setCode(TypeRestfulInteraction.READ);
        resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        resource.addSearchParam().setName("_count").setType(Enumerations.SearchParamType.NUMBER)
                .setDocumentation("page size, at most " + FhirSearchParser.MAX_COUNT);
        return resource;
    }

    private static void search(
            CapabilityStatementRestResourceComponent resource,
            String name,
            Enumerations.SearchParamType type,
            String documentation) {
        resource.addSearchParam().setName(name).setType(type).setDocumentation(documentation);
    }
}
