package fr.maillage.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.agent.commune.Commune;
import fr.maillage.agent.commune.CommuneDirectory;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.SessionDetails.ProfessionalRole;
import fr.maillage.contract.SessionDetails.RecourseReason;
import fr.maillage.contract.SessionEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionValidatorTest {

    private static final Instant NOW = Instant.parse("2026-03-14T10:00:00Z");
    private static final UUID OPEN = UUID.fromString("0b8f7c2e-6d1a-4f3e-9a41-2f5d8c7b6a10");
    private final SessionValidator validator =
            new SessionValidator(CommuneDirectory.shipped(), Clock.fixed(NOW, ZoneOffset.UTC));

    private Optional<OpenSession> register(UUID id) {
        return id.equals(OPEN)
                ? Optional.of(new OpenSession(OPEN, NOW.minusSeconds(900), ProfessionalRole.NURSE))
                : Optional.empty();
    }

    @Test
    @DisplayName("start needs only the assisting professional; the session id is drawn and the time is now")
    void start() {
        Validation result = validator.validate(request("start", null, "nurse", null, null, null, null, List.of()),
                this::register);
        assertThat(result).isInstanceOfSatisfying(Validation.Valid.class, valid -> {
            assertThat(valid.type()).isEqualTo(SessionEvent.Type.STARTED);
            assertThat(valid.details().startedAt()).isEqualTo(NOW);
            assertThat(valid.details().assistingProfessional()).isEqualTo(ProfessionalRole.NURSE);
        });
    }

    @Test
    @DisplayName("end of a registered session: start and professional come from the register, commune by name")
    void endOfRegisteredSession() {
        Validation result = validator.validate(
                request("end", OPEN.toString(), null, "NO_REGULAR_DOCTOR", "Bar-le-Duc", "PRESCRIPTION", "9",
                        List.of("CAMERA,stethoscope")),
                this::register);
        assertThat(result).isInstanceOfSatisfying(Validation.Valid.class, valid -> {
            assertThat(valid.type()).isEqualTo(SessionEvent.Type.COMPLETED);
            assertThat(valid.details().startedAt()).isEqualTo(NOW.minusSeconds(900));
            assertThat(valid.details().endedAt()).isEqualTo(NOW);
            assertThat(valid.details().recourseReason()).isEqualTo(RecourseReason.NO_REGULAR_DOCTOR);
            assertThat(valid.details().patient().residenceInseeCode()).isEqualTo("55029");
            assertThat(valid.details().devicesUsed()).containsExactly(DeviceKind.CAMERA, DeviceKind.STETHOSCOPE);
            assertThat(valid.details().satisfaction()).isEqualTo(9);
        });
    }

    @Test
    @DisplayName("end without reason and outcome, with a bad satisfaction: each field says what to fix")
    void endMissingFields() {
        Validation result = validator.validate(
                request("end", OPEN.toString(), null, null, null, null, "11", List.of()), this::register);
        assertThat(result).isInstanceOfSatisfying(Validation.Invalid.class, invalid -> assertThat(invalid.problems())
                .extracting(Problem::field)
                .containsExactlyInAnyOrder("reason", "outcome", "satisfaction"));
    }

    @Test
    @DisplayName("an unknown commune and a non-medical device are refused, an ambiguous name lists the candidates")
    void communesAndDevices() {
        Validation unknown = validator.validate(
                request("end", OPEN.toString(), null, "OTHER", "Atlantis", "ADVICE_ONLY", null, List.of("DISK")),
                this::register);
        assertThat(((Validation.Invalid) unknown).problems()).extracting(Problem::field)
                .containsExactlyInAnyOrder("commune", "devices");

        String ambiguous = CommuneDirectory.shipped().all().stream()
                .collect(Collectors.groupingBy(Commune::name))
                .entrySet().stream().filter(e -> e.getValue().size() > 1).findFirst().orElseThrow().getKey();
        Validation twice = validator.validate(
                request("end", OPEN.toString(), null, "OTHER", ambiguous, "ADVICE_ONLY", null, List.of()),
                this::register);
        assertThat(((Validation.Invalid) twice).problems().getFirst().message()).contains("plusieurs communes");
    }

    @Test
    @DisplayName("ending a session this site does not know asks for its start time")
    void unknownSession() {
        Validation result = validator.validate(request("end", UUID.randomUUID().toString(), "NURSE",
                "OTHER", null, "ADVICE_ONLY", null, List.of()), this::register);
        assertThat(((Validation.Invalid) result).problems()).extracting(Problem::field).containsExactly("started-at");
    }

    @Test
    @DisplayName("patient data at start is refused: it is recorded at the end")
    void patientAtStart() {
        Validation result = validator.validate(
                request("start", null, "NURSE", "NO_REGULAR_DOCTOR", null, null, null, List.of()), this::register);
        assertThat(result).isInstanceOf(Validation.Invalid.class);
    }

    private static SessionRequest request(String action, String session, String professional, String reason,
            String commune, String outcome, String satisfaction, List<String> devices) {
        boolean atEnd = action.equals("end");
        return new SessionRequest(action, session, null, null, professional, null, reason,
                atEnd ? "AGE_75_89" : null, null, commune, atEnd ? "non" : null, devices, outcome, satisfaction, null);
    }
}
