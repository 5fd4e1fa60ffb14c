package fr.maillage.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.agent.commune.CommuneDirectory;
import fr.maillage.agent.outbox.Outbox;
import fr.maillage.agent.outbox.OutboxLimits;
import fr.maillage.contract.Channel;
import fr.maillage.contract.WireCodec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFormServerTest {

    @TempDir
    Path data;

    private Outbox outbox;
    private SessionRegister register;
    private SessionFormServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        outbox = Outbox.open(data, OutboxLimits.messages(1000), new WireCodec());
        register = SessionRegister.open(data);
        SessionDesk desk = new SessionDesk(new SessionValidator(CommuneDirectory.shipped(), Clock.systemUTC()),
                register, (type, id, details) ->
                        SessionEvents.append(outbox, "form-test", Clock.systemUTC(), 1, type, id, details));
        server = SessionFormServer.start(0, "Cabine de Bar-le-Duc", desk, CommuneDirectory.shipped());
    }

    @AfterEach
    void stop() {
        server.close();
        register.close();
        outbox.close();
    }

    @Test
    @DisplayName("start, then end with a commune chosen by name: two session events in the outbox, nothing open")
    void startThenEnd() throws Exception {
        assertThat(get("/").body()).contains("Aucune séance en cours.");
        HttpResponse<String> started = post("/start", Map.of("professional", "NURSE"), null);
        assertThat(started.statusCode()).isEqualTo(303);
        assertThat(register.open()).hasSize(1);
        UUID session = register.open().getFirst().sessionId();

        HttpResponse<String> home = get("/?ok=started");
        assertThat(home.body()).contains("Séance démarrée.").contains("/end?session=" + session)
                .contains("lang=\"fr\"");
        assertThat(get("/end?session=" + session).body()).contains("Motif de recours").contains("Bar-le-Duc (55029)");

        HttpResponse<String> ended = post("/end", Map.of("session", session.toString(), "reason",
                "NO_APPOINTMENT_IN_TIME", "outcome", "PRESCRIPTION", "commune", "bar le duc", "satisfaction", "10",
                "age-band", "AGE_60_74", "regular-doctor", "oui"), null);
        assertThat(ended.statusCode()).isEqualTo(303);
        assertThat(register.open()).isEmpty();
        assertThat(outbox.after(0, 10)).hasSize(2).allMatch(e -> e.channel() == Channel.SESSION);
        assertThat(new String(outbox.after(1, 1).getFirst().payload(), StandardCharsets.UTF_8))
                .contains("\"residenceInseeCode\":\"55029\"");
    }

    @Test
    @DisplayName("the end form asks the professional whether the practice strengthens their role, and sends the answer")
    void professionalAnswerTravelsWithTheSession() throws Exception {
        post("/start", Map.of("professional", "PHARMACIST"), null);
        UUID session = register.open().getFirst().sessionId();

        String form = get("/end?session=" + session).body();
        assertThat(form).contains("cette pratique renforce votre rôle")
                .contains("name=\"role-strengthened\" value=\"\" checked")
                .contains("value=\"STRONGLY_AGREE\"> Tout à fait d&#39;accord");
        HttpResponse<String> ended = post("/end", Map.of("session", session.toString(), "reason", "OUT_OF_HOURS",
                "outcome", "ADVICE_ONLY", "role-strengthened", "STRONGLY_AGREE"), null);

        assertThat(ended.statusCode()).isEqualTo(303);
        assertThat(new String(outbox.after(1, 1).getFirst().payload(), StandardCharsets.UTF_8))
                .contains("\"roleStrengthened\":\"STRONGLY_AGREE\"");
    }

    @Test
    @DisplayName("the professional may skip the question: the session is recorded without an answer")
    void professionalAnswerIsOptional() throws Exception {
        post("/start", Map.of("professional", "NURSE"), null);
        UUID session = register.open().getFirst().sessionId();

        HttpResponse<String> ended = post("/end", Map.of("session", session.toString(), "reason", "OUT_OF_HOURS",
                "outcome", "ADVICE_ONLY", "role-strengthened", ""), null);

        assertThat(ended.statusCode()).isEqualTo(303);
        assertThat(new String(outbox.after(1, 1).getFirst().payload(), StandardCharsets.UTF_8))
                .doesNotContain("roleStrengthened");
    }

    @Test
    @DisplayName("an answer outside the scale is refused with 422, the form kept and the answer's field named")
    void professionalAnswerOutsideTheScaleIsRefused() throws Exception {
        post("/start", Map.of("professional", "NURSE"), null);
        UUID session = register.open().getFirst().sessionId();

        HttpResponse<String> refused = post("/end", Map.of("session", session.toString(), "reason", "OUT_OF_HOURS",
                "outcome", "ADVICE_ONLY", "role-strengthened", "OUI"), null);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("valeur inconnue « OUI »").contains("STRONGLY_AGREE");
        assertThat(register.open()).hasSize(1);
        assertThat(outbox.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("invalid input is refused with 422 and a French message naming what to fix; nothing recorded")
    void invalidRefused() throws Exception {
        HttpResponse<String> refused = post("/start", Map.of("professional", ""), null);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("role=\"alert\"").contains("à renseigner");
        assertThat(outbox.size()).isZero();
    }

    @Test
    @DisplayName("a post from another web origin is refused")
    void foreignOriginRefused() throws Exception {
        HttpResponse<String> refused = post("/start", Map.of("professional", "NURSE"), "http://evil.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(outbox.size()).isZero();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> fields, String origin) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
