package fr.maillage.encounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.StateMessage;
import fr.maillage.contract.Channel;
import fr.maillage.contract.SiteTopic;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import fr.maillage.support.Tokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ca.uhn.fhir.rest.gclient.DateClientParam;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.StatusMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FHIR API as another system sees it: HAPI's generic client reads, searches with paging and runs $export
 * against the running backend, whose Encounters came in through the real broker.
 */
@MicronautTest
class FhirApiIT extends RealServers {

    private static final int SESSIONS_PER_SITE = 30;
    /** Sessions start one per day from here, so date searches have known answers. */
    private static final Instant FIRST_START = Instant.parse("2026-10-01T08:00:00Z");

    @Inject EmbeddedServer server;
    @Inject MqttIngestClient ingest;
    @Inject FhirContext fhir;
    @Inject EncounterConformance conformance;

    private IGenericClient client;
    private String verdun;
    private String chaumont;
    private final List<UUID> verdunSessions = new ArrayList<>();
    private UUID cancelledSession;
    /** Before the first message: every Encounter of this class was last updated after it. */
    private Instant ingestStart;

    @BeforeAll
    void ingestTwoSitesOfSessions() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(ingest::isConnected);
        verdun = siteId("55545-cabin");
        chaumont = siteId("52121-pharmacy");
        ingestStart = Instant.now().minusSeconds(1);
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publisher.publish(verdun, birth(verdun, new SiteDescriptor("Cabine de Verdun", SiteKind.CABIN, "55545",
                    49.16, 5.38)));
            publisher.publish(chaumont, birth(chaumont, new SiteDescriptor("Pharmacie de Chaumont",
                    SiteKind.PHARMACY, "52121", 48.11, 5.14)));
            for (int day = 0; day < SESSIONS_PER_SITE; day++) {
                UUID session = UUID.randomUUID();
                verdunSessions.add(session);
                publisher.publish(verdun, completed(verdun, session, FIRST_START.plus(Duration.ofDays(day))));
                publisher.publish(chaumont, completed(chaumont, UUID.randomUUID(),
                        FIRST_START.plus(Duration.ofDays(day)).plusSeconds(3600)));
            }
            cancelledSession = UUID.randomUUID();
            Instant cancelledAt = Instant.parse("2026-10-15T10:00:00Z");
            publisher.publish(chaumont, new SessionEvent(1, UUID.randomUUID(), chaumont, cancelledAt, 1, 2,
                    cancelledSession, SessionEvent.Type.CANCELLED, null));
            publisher.publish(verdun, new StatusMessage(1, UUID.randomUUID(), verdun, Instant.now(), 1, 1, 60,
                    List.of(new ProbeReading(ECG_DEVICE, DeviceKind.ECG, Health.OK, null, Map.of()))));
            publisher.clearRetained(new SiteTopic(verdun, Channel.STATE).topic());
            publisher.clearRetained(new SiteTopic(chaumont, Channel.STATE).topic());
        }
        client = fhir.newRestfulGenericClient(server.getURI() + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.admin()));
        await().atMost(Duration.ofSeconds(120)).until(() -> total(client.search().forResource(Encounter.class)
                .where(Encounter.LOCATION.hasAnyOfIds(verdun, chaumont)).count(100).returnBundle(Bundle.class)
                .execute()) == 2 * SESSIONS_PER_SITE + 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> new Http(server.getURI())
                .get("/fhir/Device/" + deviceFhirId(verdun, ECG_DEVICE)).statusCode() == 200);
        // The wire contract does not say who runs a site: an admin records it.
        assertThat(putOperator("sante-rurale", "{\"name\": \"Santé Rurale Services\", \"siren\": \"900000001\","
                + " \"email\": \"contact@sante-rurale.example\", \"sites\": [\"" + verdun + "\"]}").statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> putOperator(String id, String json) {
        return new Http(server.getURI()).send(HttpRequest.newBuilder(server.getURI().resolve("/api/site-operators/" + id))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void operatorWithAnUnknownSiteOrABadSirenIsRefusedAndNotWritten() {
        HttpResponse<String> unknownSite = putOperator("ghost", "{\"name\": \"Ghost\", \"sites\": [\"nowhere\"]}");
        HttpResponse<String> badSiren = putOperator("ghost", "{\"name\": \"Ghost\", \"siren\": \"12\", \"sites\": []}");

        assertThat(unknownSite.statusCode()).isEqualTo(404);
        assertThat(unknownSite.body()).contains("nowhere");
        assertThat(badSiren.statusCode()).isEqualTo(400);
        assertThat(badSiren.body()).contains("nine digits");
        assertThat(new Http(server.getURI()).get("/fhir/Organization/ghost").statusCode()).isEqualTo(404);
    }

    private static final String ECG_DEVICE = "usb-0c45:6340";

    /** The id the server gives a device: the UUID made of the MD5 of "siteId/deviceId" (V6). */
    private static String deviceFhirId(String site, String device) throws Exception {
        var md5 = ByteBuffer.wrap(MessageDigest.getInstance("MD5")
                .digest((site + "/" + device).getBytes(StandardCharsets.UTF_8)));
        return new UUID(md5.getLong(), md5.getLong()).toString();
    }

    private static StateMessage birth(String site, SiteDescriptor descriptor) {
        return new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 0, ConnectionState.ONLINE, descriptor,
                "test");
    }

    private static SessionEvent completed(String site, UUID session, Instant start) {
        return new SessionEvent(1, UUID.randomUUID(), site, start.plusSeconds(1200), 1, 1, session,
                SessionEvent.Type.COMPLETED, new SessionDetails(start, start.plusSeconds(900),
                        SessionDetails.ProfessionalRole.PHARMACIST, SessionDetails.PhysicianSpecialty.GENERAL_PRACTICE,
                        SessionDetails.RecourseReason.NO_REGULAR_DOCTOR,
                        new PatientProfile(PatientProfile.AgeBand.AGE_45_59, PatientProfile.Sex.MALE, "55545", false),
                        List.of(DeviceKind.OTOSCOPE), SessionDetails.Outcome.ADVICE_ONLY, 8));
    }

    /** Follows every next link and counts the entries. */
    private int total(Bundle first) {
        int total = 0;
        Bundle page = first;
        while (true) {
            total += page.getEntry().size();
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return total;
            }
            page = client.loadPage().next(page).execute();
        }
    }

    @Test
    void capabilityStatementListsWhatIsServed() {
        CapabilityStatement capability = client.capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(capability.getRestFirstRep().getResource())
                .extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .containsExactly("Encounter", "Location", "QuestionnaireResponse", "Questionnaire", "Device",
                        "Organization");
        assertThat(capability.getRestFirstRep().getResource())
                .filteredOn(r -> r.getType().equals("QuestionnaireResponse")).singleElement()
                .satisfies(r -> {
                    assertThat(r.getSupportedProfile()).extracting(p -> p.getValue()).containsExactly(
                            "https://maillage.fr/fhir/StructureDefinition/patient-survey-response",
                            "https://maillage.fr/fhir/StructureDefinition/assisting-professional-survey-response");
                    assertThat(r.getSearchParam()).extracting(p -> p.getName())
                            .contains("encounter", "questionnaire");
                });
        assertThat(capability.getRestFirstRep().getResource())
                .filteredOn(r -> List.of("Device", "Organization", "Questionnaire").contains(r.getType()))
                .allSatisfy(r -> {
                    assertThat(r.getInteraction()).extracting(i -> i.getCode())
                            .containsExactly(CapabilityStatement.TypeRestfulInteraction.READ);
                    assertThat(r.getSearchParam()).isEmpty();
                });
        assertThat(capability.getRestFirstRep().getOperation()).extracting(o -> o.getName()).contains("export");
    }

    @Test
    void deviceOrganizationAndLocationReadsConformToTheirProfiles() throws Exception {
        Device ecg = client.read().resource(Device.class).withId(deviceFhirId(verdun, ECG_DEVICE)).execute();
        Organization operator = client.read().resource(Organization.class).withId("sante-rurale").execute();
        Location site = client.read().resource(Location.class).withId(verdun).execute();

        assertThat(ecg.getIdentifierFirstRep().getValue()).isEqualTo(ECG_DEVICE);
        assertThat(ecg.getType().getCoding()).extracting(Coding::getCode).containsExactly("ecg", "86184003");
        assertThat(ecg.getLocation().getReference()).isEqualTo("Location/" + verdun);
        assertThat(ecg.getOwner().getReference()).isEqualTo("Organization/sante-rurale");
        assertThat(operator.getName()).isEqualTo("Santé Rurale Services");
        assertThat(operator.getIdentifierFirstRep().getValue()).isEqualTo("900000001");
        assertThat(site.getManagingOrganization().getReference()).isEqualTo("Organization/sante-rurale");
        for (Resource resource : List.of(ecg, operator, site)) {
            resource.setIdElement(resource.getIdElement().toUnqualifiedVersionless());
            assertThat(conformance.errors(resource)).as(resource.fhirType()).isEmpty();
        }
    }

    @Test
    void unknownDeviceOrOrganizationIsANotFoundOperationOutcome() {
        var http = new Http(server.getURI());

        HttpResponse<String> device = http.get("/fhir/Device/" + UUID.randomUUID());
        HttpResponse<String> organization = http.get("/fhir/Organization/nobody");
        HttpResponse<String> search = http.get("/fhir/Device?type=ecg");

        assertThat(device.statusCode()).isEqualTo(404);
        assertThat(organization.statusCode()).isEqualTo(404);
        assertThat(fhir.newJsonParser().parseResource(OperationOutcome.class, organization.body())
                .getIssueFirstRep().getDiagnostics()).contains("Organization/nobody");
        assertThat(search.statusCode()).isEqualTo(405);
        assertThat(search.body()).contains("search is not supported for Device");
    }

    @Test
    void searchByStatusThroughTheClient() {
        Bundle cancelled = client.search().forResource(Encounter.class)
                .where(Encounter.STATUS.exactly().code("cancelled"))
                .returnBundle(Bundle.class).execute();
        Bundle finished = client.search().forResource(Encounter.class)
                .where(Encounter.STATUS.exactly().code("finished"))
                .and(Encounter.LOCATION.hasId(verdun))
                .count(100).returnBundle(Bundle.class).execute();

        assertThat(cancelled.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(cancelledSession.toString());
        assertThat(finished.getEntry()).hasSize(SESSIONS_PER_SITE);
    }

    @Test
    void searchByLastUpdatedThroughTheClient() {
        var lastUpdated = new DateClientParam("_lastUpdated");

        int since = total(client.search().forResource(Encounter.class)
                .where(lastUpdated.afterOrEquals().millis(Date.from(ingestStart)))
                .count(50).returnBundle(Bundle.class).execute());
        Bundle before = client.search().forResource(Encounter.class)
                .where(lastUpdated.before().millis(Date.from(ingestStart)))
                .returnBundle(Bundle.class).execute();

        assertThat(since).isEqualTo(2 * SESSIONS_PER_SITE + 1);
        assertThat(before.getEntry()).isEmpty();
    }

    @Test
    void systemExportRunsTheAsyncPatternToParsedNdjson() throws Exception {
        MethodOutcome kickOff = client.operation().onServer().named("$export")
                .withNoParameters(Parameters.class)
                .withAdditionalHeader("Prefer", "respond-async")
                .returnMethodOutcome()
                .execute();

        assertThat(kickOff.getResponseStatusCode()).isEqualTo(202);
        String status = kickOff.getResponseHeaders().get("content-location").getFirst();
        var http = new Http(server.getURI());
        HttpResponse<String> polled = http.send(HttpRequest.newBuilder(URI.create(status)).GET());
        while (polled.statusCode() == 202) {
            assertThat(polled.headers().firstValue("X-Progress")).isPresent();
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            polled = http.send(HttpRequest.newBuilder(URI.create(status)).GET());
        }
        assertThat(polled.statusCode()).isEqualTo(200);
        JsonObject manifest = org.hl7.fhir.utilities.json.parser.JsonParser.parseObject(polled.body());
        assertThat(manifest.asString("request")).endsWith("/fhir/$export");
        Map<String, List<IBaseResource>> byType = new HashMap<>();
        for (JsonObject output : manifest.getJsonObjects("output")) {
            HttpResponse<String> ndjson = http.send(HttpRequest.newBuilder(URI.create(output.asString("url")))
                    .header("Accept", "application/fhir+ndjson").GET());
            assertThat(ndjson.statusCode()).isEqualTo(200);
            for (String line : ndjson.body().lines().toList()) {
                IBaseResource resource = fhir.newJsonParser().parseResource(line);
                assertThat(resource.fhirType()).isEqualTo(output.asString("type"));
                byType.computeIfAbsent(resource.fhirType(), t -> new ArrayList<>()).add(resource);
            }
        }
        assertThat(byType.get("Encounter")).hasSize(2 * SESSIONS_PER_SITE + 1);
        // every finished session answered the patient's questions (reason, satisfaction 8); the cancelled one none
        assertThat(byType.get("QuestionnaireResponse")).hasSize(2 * SESSIONS_PER_SITE)
                .allSatisfy(r -> assertThat(((QuestionnaireResponse) r).getQuestionnaire())
                        .isEqualTo("https://maillage.fr/fhir/Questionnaire/patient-survey"));
        // The shared broker replays other test runs' retained births, so other described sites may be here too.
        assertThat(byType.get("Location")).extracting(r -> r.getIdElement().getIdPart())
                .contains(verdun, chaumont)
                .doesNotHaveDuplicates();
    }

    @Test
    void readReturnsTheEncounter() {
        Encounter encounter = client.read().resource(Encounter.class).withId(verdunSessions.getFirst().toString())
                .execute();

        assertThat(encounter.getLocationFirstRep().getLocation().getReference()).isEqualTo("Location/" + verdun);
    }

    @Test
    void searchPagesThroughEverySessionOfASiteOnce() {
        Bundle first = client.search().forResource(Encounter.class)
                .where(Encounter.LOCATION.hasId("Location/" + verdun))
                .count(7)
                .returnBundle(Bundle.class)
                .execute();

        Set<String> ids = new HashSet<>();
        Bundle page = first;
        while (page != null) {
            assertThat(page.getEntry().size()).isLessThanOrEqualTo(7);
            page.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
            page = page.getLink(Bundle.LINK_NEXT) == null ? null : client.loadPage().next(page).execute();
        }
        assertThat(ids).hasSize(SESSIONS_PER_SITE)
                .containsExactlyInAnyOrderElementsOf(verdunSessions.stream().map(UUID::toString).toList());
    }

    @Test
    void dateSearchHonoursItsPrefixes() {
        // Sessions of Verdun start on 1 October at 08:00 UTC and every day after, for 30 days.
        Bundle october10On = client.search().forResource(Encounter.class)
                .where(Encounter.LOCATION.hasId(verdun))
                .and(Encounter.DATE.afterOrEquals().day("2026-10-10"))
                .count(100).returnBundle(Bundle.class).execute();
        Bundle beforeOctober5 = client.search().forResource(Encounter.class)
                .where(Encounter.LOCATION.hasId(verdun))
                .and(Encounter.DATE.before().day("2026-10-05"))
                .count(100).returnBundle(Bundle.class).execute();
        Bundle onOctober3 = client.search().forResource(Encounter.class)
                .where(Encounter.LOCATION.hasId(verdun))
                .and(Encounter.DATE.exactly().day("2026-10-03"))
                .count(100).returnBundle(Bundle.class).execute();

        assertThat(october10On.getEntry()).hasSize(21);
        assertThat(beforeOctober5.getEntry()).hasSize(4);
        assertThat(onOctober3.getEntry()).hasSize(1);
    }

    @Test
    void locationIsFoundByCommuneNameCodeAndKind() {
        Bundle byCode = client.search().forResource(Location.class)
                .where(Location.ADDRESS_CITY.matches().value("52121"))
                .returnBundle(Bundle.class).execute();
        Bundle byKind = client.search().forResource(Location.class)
                .where(Location.TYPE.exactly().code("pharmacy"))
                .and(Location.ADDRESS_CITY.matches().value("52121"))
                .returnBundle(Bundle.class).execute();

        assertThat(byCode.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(chaumont);
        assertThat(byKind.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(chaumont)
                .doesNotContain(verdun);
        Location location = client.read().resource(Location.class).withId(chaumont).execute();
        assertThat(location.getAddress().getCity()).isEqualTo("Chaumont");
        assertThat(location.getName()).isEqualTo("Pharmacie de Chaumont");
    }

    @Test
    void unknownParameterIsIgnoredUnlessStrictHandlingIsAsked() {
        var http = new Http(server.getURI());
        String path = "/fhir/Encounter?location=" + verdun + "&colour=blue&_count=1";

        HttpResponse<String> lenient = http.get(path);
        HttpResponse<String> strict = http.send(HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Prefer", "handling=strict").GET());

        assertThat(lenient.statusCode()).isEqualTo(200);
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, lenient.body());
        assertThat(bundle.getLink(Bundle.LINK_SELF).getUrl()).doesNotContain("colour");
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(fhir.newJsonParser().parseResource(OperationOutcome.class, strict.body())
                .getIssueFirstRep().getDiagnostics()).contains("colour");
    }

    @Test
    void badDateIsABadRequestThatSaysWhy() {
        HttpResponse<String> response = new Http(server.getURI()).get("/fhir/Encounter?date=yesterday");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fhir.newJsonParser().parseResource(OperationOutcome.class, response.body())
                .getIssueFirstRep().getDiagnostics()).contains("date", "yesterday");
    }

    @Test
    void groupExportWritesTheDepartementsEncountersAndLocationsAsNdjson() {
        MethodOutcome kickOff = client.operation().onInstance("Group/55").named("$export")
                .withNoParameters(Parameters.class)
                .withAdditionalHeader("Prefer", "respond-async")
                .returnMethodOutcome()
                .execute();
        String status = kickOff.getResponseHeaders().get("content-location").getFirst();
        var http = new Http(server.getURI());

        await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(URI.create(status))
                .GET()).statusCode() == 200);
        String body = http.send(HttpRequest.newBuilder(URI.create(status)).GET()).body();
        assertThat(body).contains("\"type\":\"Encounter\"", "\"type\":\"Location\"");
        String encounterUrl = body.replaceAll(".*\"url\":\"([^\"]*Encounter\\.ndjson)\".*", "$1");
        List<String> lines = http.send(HttpRequest.newBuilder(URI.create(encounterUrl)).GET()).body()
                .lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(SESSIONS_PER_SITE);
        assertThat(lines).allSatisfy(line -> assertThat(fhir.newJsonParser().parseResource(Encounter.class, line)
                .getLocationFirstRep().getLocation().getReference()).doesNotEndWith(chaumont));
        assertThat(lines.stream().filter(line -> line.contains(verdun))).hasSize(SESSIONS_PER_SITE);
    }

    @Test
    void exportWithoutRespondAsyncIsRefused() {
        HttpResponse<String> response = new Http(server.getURI()).get("/fhir/$export");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("respond-async");
    }
}
