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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
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

    private IGenericClient client;
    private String verdun;
    private String chaumont;
    private final List<UUID> verdunSessions = new ArrayList<>();

    @BeforeAll
    void ingestTwoSitesOfSessions() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(ingest::isConnected);
        verdun = siteId("55545-cabin");
        chaumont = siteId("52121-pharmacy");
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
            publisher.clearRetained(new SiteTopic(verdun, Channel.STATE).topic());
            publisher.clearRetained(new SiteTopic(chaumont, Channel.STATE).topic());
        }
        client = fhir.newRestfulGenericClient(server.getURI() + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.admin()));
        await().atMost(Duration.ofSeconds(120)).until(() -> total(client.search().forResource(Encounter.class)
                .where(Encounter.LOCATION.hasAnyOfIds(verdun, chaumont)).count(100).returnBundle(Bundle.class)
                .execute()) == 2 * SESSIONS_PER_SITE);
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
                .containsExactly("Encounter", "Location");
        assertThat(capability.getRestFirstRep().getOperation()).extracting(o -> o.getName()).contains("export");
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
