package fr.maillage.agent.session;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.maillage.agent.commune.CommuneDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session form on {@code http://127.0.0.1:port/}: start a session, end it with what evaluation needs,
 * or cancel it. Bound to loopback only; requests whose Host or Origin is not this machine are refused, so a
 * web page open in the site's browser cannot post sessions (DNS rebinding, cross-site forms).
 */
public final class SessionFormServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionFormServer.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final Map<String, String> DONE = Map.of(
            "started", "Séance démarrée.", "ended", "Fin de séance enregistrée.", "cancelled", "Séance annulée.");

    private final HttpServer server;
    private final SessionDesk desk;
    private final FormPage pages;
    private final Set<String> hosts;

    private SessionFormServer(HttpServer server, SessionDesk desk, FormPage pages) {
        this.server = server;
        this.desk = desk;
        this.pages = pages;
        int port = server.getAddress().getPort();
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
    }

    /** Serves the form on 127.0.0.1:{@code port} (0 for any free port). */
    public static SessionFormServer start(int port, String siteName, SessionDesk desk, CommuneDirectory communes) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            SessionFormServer form = new SessionFormServer(server, desk, new FormPage(siteName, communes));
            server.createContext("/", form::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            log.info("session form ready [url: http://127.0.0.1:{}/]", server.getAddress().getPort());
            return form;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the session form on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!fromThisMachine(exchange)) {
                send(exchange, 403, "text/plain", "Formulaire réservé à ce poste.");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (method + " " + path) {
                case "GET /" -> home(exchange);
                case "GET /end" -> endForm(exchange);
                case "POST /start" -> submit(exchange, "start");
                case "POST /end" -> submit(exchange, "end");
                case "POST /cancel" -> submit(exchange, "cancel");
                default -> send(exchange, 404, "text/plain", "Page inconnue.");
            }
        } catch (RuntimeException e) {
            log.error("session form failed [path: {}]", exchange.getRequestURI(), e);
            send(exchange, 500, "text/plain",
                    "Enregistrement impossible (" + e.getMessage() + "). Réessayez ; si cela persiste, prévenez le support.");
        }
    }

    private void home(HttpExchange exchange) throws IOException {
        Map<String, List<String>> query = parse(exchange.getRequestURI().getRawQuery());
        String ok = first(query, "ok");
        String done = ok == null ? null : DONE.get(ok);
        send(exchange, 200, "text/html", pages.home(desk.register().open(), done, List.of(), Map.of()));
    }

    private void endForm(HttpExchange exchange) throws IOException {
        Map<String, List<String>> query = parse(exchange.getRequestURI().getRawQuery());
        send(exchange, 200, "text/html", pages.end(first(query, "session"), List.of(), Map.of(), List.of()));
    }

    private void submit(HttpExchange exchange, String action) throws IOException {
        byte[] raw = exchange.getRequestBody().readNBytes(MAX_BODY);
        Map<String, List<String>> form = parse(new String(raw, StandardCharsets.UTF_8));
        SessionRequest request = new SessionRequest(action, first(form, "session"), null, null,
                first(form, "professional"), first(form, "specialty"), first(form, "reason"), first(form, "age-band"),
                first(form, "sex"), first(form, "commune"), first(form, "regular-doctor"),
                form.getOrDefault("devices", List.of()), first(form, "outcome"), first(form, "satisfaction"),
                first(form, "role-strengthened"));
        Validation validation = desk.submit(request);
        if (validation instanceof Validation.Invalid invalid) {
            Map<String, String> values = new LinkedHashMap<>();
            form.forEach((key, list) -> values.put(key, list.getFirst()));
            String html = "end".equals(action)
                    ? pages.end(first(form, "session"), invalid.problems(), values, form.getOrDefault("devices", List.of()))
                    : pages.home(desk.register().open(), null, invalid.problems(), values);
            send(exchange, 422, "text/html", html);
            return;
        }
        String done = switch (action) {
            case "start" -> "started";
            case "end" -> "ended";
            default -> "cancelled";
        };
        exchange.getResponseHeaders().set("Location", "/?ok=" + done);
        exchange.sendResponseHeaders(303, -1);
    }

    private boolean fromThisMachine(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        return host != null && hosts.contains(host)
                && (origin == null || hosts.stream().anyMatch(h -> origin.equals("http://" + h)));
    }

    private static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static String first(Map<String, List<String>> fields, String key) {
        List<String> values = fields.get(key);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
