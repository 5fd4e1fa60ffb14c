package fr.maillage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    private static final String SITE = "55545-cabine-mairie";
    private final WireCodec codec = new WireCodec();

    static SessionEvent completedSession(String siteId) {
        Instant start = Instant.parse("2026-11-20T09:15:00Z");
        return new SessionEvent(
                1,
                UUID.randomUUID(),
                siteId,
                start.plusSeconds(900),
                3,
                42,
                UUID.randomUUID(),
                SessionEvent.Type.COMPLETED,
                new SessionDetails(
                        start,
                        start.plusSeconds(840),
                        SessionDetails.ProfessionalRole.PHARMACIST,
                        SessionDetails.PhysicianSpecialty.GENERAL_PRACTICE,
                        SessionDetails.RecourseReason.NO_REGULAR_DOCTOR,
                        new PatientProfile(
                                PatientProfile.AgeBand.AGE_60_74, PatientProfile.Sex.FEMALE, "55029", false),
                        List.of(DeviceKind.STETHOSCOPE, DeviceKind.OTOSCOPE),
                        SessionDetails.Outcome.PRESCRIPTION,
                        9,
                        SessionDetails.Agreement.AGREE));
    }

    private Decoded decode(Channel channel, String json) {
        return codec.decode(new SiteTopic(SITE, channel).topic(), json.getBytes(StandardCharsets.UTF_8));
    }

    private Rejection rejection(Decoded decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
        return ((Decoded.Rejected) decoded).rejection();
    }

    @Test
    void completedSessionSurvivesEncodeAndDecode() {
        SessionEvent event = completedSession(SITE);

        Decoded decoded = codec.decode(new SiteTopic(SITE, Channel.SESSION).topic(), codec.encode(event));

        assertThat(decoded).isEqualTo(new Decoded.Accepted(new SiteTopic(SITE, Channel.SESSION), event));
    }

    @Test
    void everyAnswerOfTheProfessionalSurvivesEncodeAndDecode() {
        SessionEvent base = completedSession(SITE);
        for (SessionDetails.Agreement answer : SessionDetails.Agreement.values()) {
            var d = base.details();
            var event = new SessionEvent(1, UUID.randomUUID(), SITE, base.occurredAt(), 3, 43, base.sessionId(),
                    base.type(), new SessionDetails(d.startedAt(), d.endedAt(), d.assistingProfessional(),
                            d.remotePhysicianSpecialty(), d.recourseReason(), d.patient(), d.devicesUsed(),
                            d.outcome(), d.satisfaction(), answer));
            byte[] payload = codec.encode(event);

            assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"roleStrengthened\":\"" + answer.name() + "\"");
            assertThat(codec.decode(new SiteTopic(SITE, Channel.SESSION).topic(), payload))
                    .isEqualTo(new Decoded.Accepted(new SiteTopic(SITE, Channel.SESSION), event));
        }
    }

    @Test
    void aSessionFromAnAgentThatDoesNotAskTheProfessionalIsStillValid() {
        // what an agent built before the question existed publishes: no roleStrengthened at all
        String json = new String(codec.encode(completedSession(SITE)), StandardCharsets.UTF_8)
                .replace(",\"roleStrengthened\":\"AGREE\"", "");
        assertThat(json).doesNotContain("roleStrengthened");

        Decoded decoded = decode(Channel.SESSION, json);

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Accepted.class, a -> assertThat(
                ((SessionEvent) a.message()).details().roleStrengthened()).isNull());
    }

    @Test
    void anAnswerOutsideTheScaleIsRejected() {
        String json = new String(codec.encode(completedSession(SITE)), StandardCharsets.UTF_8)
                .replace("\"roleStrengthened\":\"AGREE\"", "\"roleStrengthened\":\"YES\"");

        Rejection r = rejection(decode(Channel.SESSION, json));

        assertThat(r.reason()).isEqualTo(Rejection.Reason.SCHEMA_VIOLATION);
        assertThat(r.detail()).contains("roleStrengthened");
    }

    @Test
    void birthWillStatusAndCommandSurviveEncodeAndDecode() {
        Instant now = Instant.parse("2026-11-20T08:00:00.123Z");
        List<WireMessage> messages = List.of(
                new StateMessage(1, UUID.randomUUID(), SITE, now, 4, 0, ConnectionState.ONLINE,
                        new SiteDescriptor("Cabine de la mairie", SiteKind.CABIN, "55545", 48.9, 5.2), "0.1.0"),
                new StateMessage(1, UUID.randomUUID(), SITE, now, 4, 0, ConnectionState.OFFLINE, null, null),
                new StatusMessage(1, UUID.randomUUID(), SITE, now, 4, 1, 60, List.of(
                        new ProbeReading("usb-0c45-6340", DeviceKind.OTOSCOPE, Health.OK, "present", Map.of()),
                        new ProbeReading("link", DeviceKind.NETWORK_LINK, Health.DEGRADED, "slow",
                                Map.of("latencyMs", 850.0)))),
                new Command(1, UUID.randomUUID(), now, Command.Type.REBIRTH));

        for (WireMessage message : messages) {
            String topic = new SiteTopic(SITE, message.channel()).topic();
            assertThat(codec.decode(topic, codec.encode(message)))
                    .as(message.channel().name())
                    .isInstanceOfSatisfying(Decoded.Accepted.class, a -> assertThat(a.message()).isEqualTo(message));
        }
    }

    @Test
    void statusOverallIsTheWorstProbe() {
        var status = new StatusMessage(1, UUID.randomUUID(), SITE, Instant.now(), 1, 1, 60, List.of(
                new ProbeReading("a", DeviceKind.CAMERA, Health.OK, null, null),
                new ProbeReading("b", DeviceKind.ECG, Health.DOWN, "unplugged", null),
                new ProbeReading("c", DeviceKind.NETWORK_LINK, Health.DEGRADED, null, null)));

        assertThat(status.overall()).isEqualTo(Health.DOWN);
    }

    @Test
    void brokenJsonIsRejectedAsMalformed() {
        assertThat(rejection(decode(Channel.SESSION, "{\"schemaVersion\":1,")).reason())
                .isEqualTo(Rejection.Reason.MALFORMED_JSON);
        assertThat(rejection(decode(Channel.SESSION, "[1,2]")).reason())
                .isEqualTo(Rejection.Reason.MALFORMED_JSON);
    }

    @Test
    void otherSchemaVersionIsRejectedWithTheExpectedOne() {
        Rejection r = rejection(decode(Channel.STATE, "{\"schemaVersion\":2}"));

        assertThat(r.reason()).isEqualTo(Rejection.Reason.UNSUPPORTED_VERSION);
        assertThat(r.detail()).contains("must be 1");
    }

    @Test
    void schemaViolationNamesTheOffendingField() {
        String json = new String(codec.encode(completedSession(SITE)), StandardCharsets.UTF_8)
                .replace("\"55029\"", "\"5502\"");

        Rejection r = rejection(decode(Channel.SESSION, json));

        assertThat(r.reason()).isEqualTo(Rejection.Reason.SCHEMA_VIOLATION);
        assertThat(r.detail()).contains("residenceInseeCode");
    }

    @Test
    void completedSessionWithoutDetailsIsRejected() {
        String json = """
                {"schemaVersion":1,"eventId":"6f1c8f5e-2f7b-4c55-9a44-0e8f1d3c2b10","siteId":"%s",
                 "occurredAt":"2026-11-20T09:00:00Z","connSeq":1,"seq":1,
                 "sessionId":"0b7c3e44-5d19-4f0e-8a0b-2a3c4d5e6f70","type":"COMPLETED"}
                """.formatted(SITE);

        Rejection r = rejection(decode(Channel.SESSION, json));

        assertThat(r.reason()).isEqualTo(Rejection.Reason.SCHEMA_VIOLATION);
        assertThat(r.detail()).contains("details");
    }

    @Test
    void unknownFieldIsRejected() {
        String json = new String(codec.encode(completedSession(SITE)), StandardCharsets.UTF_8)
                .replace("\"seq\":42", "\"seq\":42,\"patientName\":\"Dupont\"");

        assertThat(rejection(decode(Channel.SESSION, json)).detail()).contains("patientName");
    }

    @Test
    void payloadForAnotherSiteIsRejected() {
        byte[] payload = codec.encode(completedSession("55029-pharmacie"));

        Rejection r = rejection(codec.decode(new SiteTopic(SITE, Channel.SESSION).topic(), payload));

        assertThat(r.reason()).isEqualTo(Rejection.Reason.SITE_MISMATCH);
    }

    @Test
    void sessionEndingBeforeItStartedIsRejected() {
        SessionEvent ok = completedSession(SITE);
        var d = ok.details();
        var backwards = new SessionEvent(1, ok.eventId(), SITE, ok.occurredAt(), 1, 1, ok.sessionId(), ok.type(),
                new SessionDetails(d.endedAt(), d.startedAt(), d.assistingProfessional(),
                        d.remotePhysicianSpecialty(), d.recourseReason(), d.patient(), d.devicesUsed(), d.outcome(),
                        d.satisfaction(), d.roleStrengthened()));

        Rejection r = rejection(codec.decode(new SiteTopic(SITE, Channel.SESSION).topic(), codec.encode(backwards)));

        assertThat(r.reason()).isEqualTo(Rejection.Reason.INCONSISTENT);
    }

    @Test
    void oversizedPayloadIsRejectedBeforeParsing() {
        var small = new WireCodec(100);

        Rejection r = rejection(small.decode(new SiteTopic(SITE, Channel.STATUS).topic(), new byte[101]));

        assertThat(r.reason()).isEqualTo(Rejection.Reason.TOO_LARGE);
    }

    @Test
    void foreignTopicIsRejected() {
        Rejection r = rejection(codec.decode("maillage/v1/site/UPPER/session", "{}".getBytes()));

        assertThat(r.reason()).isEqualTo(Rejection.Reason.UNKNOWN_TOPIC);
    }
}
