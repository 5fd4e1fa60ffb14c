package fr.maillage.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.maillage.contract.Channel;
import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.StateMessage;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.security.Account;
import fr.maillage.security.AccountRepository;
import fr.maillage.security.Passwords;
import fr.maillage.security.Roles;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import fr.maillage.support.Tokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemedicine tab in Debian's headless Chromium, against the application on the real PostgreSQL and broker,
 * as its users go through it: log in with the login form, count the markers of the account's territory, see one
 * turn red when its Will arrives (server-sent events, no reload), switch layers, open a site from its marker,
 * register a session with the keyboard and see the site's and the commune's counts go up, download CSV and PDF
 * files and read them. Screenshots go to {@code target/screenshots}.
 */
@MicronautTest(transactional = false) // the accounts a test creates must be committed for the server to see them
class PortalBrowserIT extends RealServers {

    private static final Logger log = LoggerFactory.getLogger(PortalBrowserIT.class);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    /** CA de Bar-le-Duc - Sud Meuse, 33 communes in the shipped data. */
    private static final String EPCI = "200033025";
    /** Commercy, where the MSP is and where the patients of the session test live. */
    private static final String COMMERCY = "55122";
    private static final String ONLINE_GREEN = "rgba(30, 126, 52, 1)";
    private static final String OFFLINE_RED = "rgba(179, 38, 30, 1)";
    /** Enough sessions for the commune's count to be published (the secret statistique hides 1 to 10). */
    private static final int EARLIER_SESSIONS = 11;

    @Inject EmbeddedServer server;
    @Inject MqttIngestClient ingest;
    @Inject AccountRepository accounts;
    @Inject Passwords passwords;

    private WebDriver browser;
    private Path profile;
    private Path downloads;
    private TestPublisher publisher;
    private final List<String> sites = new ArrayList<>();
    private final List<String> consoleNoise = new ArrayList<>();
    private String pharmacy;
    private String cabin;
    private String msp;
    private String franceServices;
    private String coordinatorPassword;

    @BeforeAll
    void startBrowserAndTheSites() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: install Debian's chromium and chromium-driver (.ci/run does)");
        profile = Files.createTempDirectory("maillage-chromium-");
        downloads = Files.createTempDirectory("maillage-downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900", "--lang=fr-FR",
                "--user-data-dir=" + profile.toAbsolutePath());
        // the page's console goes to the test output, where a failing run can be diagnosed
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service =
                new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
        publisher = new TestPublisher(servers.mqttUri());
        await().atMost(Duration.ofSeconds(20)).until(ingest::isConnected);

        pharmacy = born("pharmacie", "Pharmacie de Joinville", SiteKind.PHARMACY, "52250", 48.444, 5.141);
        cabin = born("cabine", "Cabine de Bar-le-Duc", SiteKind.CABIN, "55029", 48.772, 5.160);
        msp = born("msp", "MSP de Commercy", SiteKind.HEALTH_CENTRE, COMMERCY, 48.763, 5.591);
        franceServices = born("france-services", "France services de Verdun", SiteKind.PUBLIC_SERVICE_POINT,
                "55545", 49.160, 5.384);
        Http admin = new Http(server.getURI());
        // generous: on a CI machine shared with other builds the ingest may take a while to apply four births
        await().atMost(Duration.ofSeconds(90)).until(() -> sites.stream()
                .allMatch(site -> admin.get("/api/sites/" + site).statusCode() == 200));
        coordinatorPassword = account("coordination-55", Roles.COORDINATOR, "55", null);
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (browser != null) {
            consoleNoise.forEach(line -> log.info("browser console: {}", line));
            browser.manage().logs().get(LogType.BROWSER).forEach(entry -> log.info("browser console: {}", entry));
            browser.quit();
        }
        if (publisher != null) {
            for (String site : sites) {
                publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
            }
            publisher.close();
        }
    }

    private String born(String id, String name, SiteKind kind, String inseeCode, double latitude, double longitude)
            throws Exception {
        String site = siteId(id);
        sites.add(site);
        publisher.publish(site, new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 0,
                ConnectionState.ONLINE, new SiteDescriptor(name, kind, inseeCode, latitude, longitude), "test"));
        return site;
    }

    /** A local account as an administrator creates it; returns its password. */
    private String account(String username, String role, String territory, String siteId) {
        String password = passwords.random();
        accounts.save(new Account(username + "-" + runId, passwords.hash(password), role, territory, siteId,
                Instant.now()));
        return password;
    }

    /** Logs in as a person does: the login form, then the map it leads to. */
    private void logIn(String username, String password, String screenshot) throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(server.getURI() + "/login");
        browser.findElement(By.id("username")).sendKeys(username + "-" + runId);
        browser.findElement(By.id("password")).sendKeys(password);
        if (screenshot != null) {
            screenshot(screenshot);
        }
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(d -> URI.create(d.getCurrentUrl()).getPath().equals("/"));
        assertThat(browser.manage().getCookieNamed("JWT")).as("session cookie set by the login").isNotNull();
    }

    private List<String> markerIds() {
        return browser.findElements(By.cssSelector("span.site-marker")).stream()
                .map(m -> m.getDomAttribute("data-site-id")).toList();
    }

    private WebElement marker(String site) {
        return browser.findElement(By.cssSelector("span.site-marker[data-site-id='" + site + "']"));
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private void ready() {
        waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The fill colour of every commune polygon, as the map drew them (Leaflet's canvas keeps no DOM). */
    @SuppressWarnings("unchecked")
    private List<String> communeColours() {
        return (List<String>) script("return communeLayer.getLayers().map(l => l.options.fillColor);");
    }

    private String communeColour(String code) {
        return (String) script("return communeLayer.getLayers().find(l => l.feature.properties.code === '" + code
                + "').options.fillColor;");
    }

    private Path downloaded(String name) {
        Path file = downloads.resolve(name);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file) && Files.size(file) > 0
                && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    /** Console lines of the pages seen so far; those about the favicon would be the 401 noise now removed. */
    private List<String> consoleLines() {
        List<String> lines = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString).toList();
        consoleNoise.addAll(lines);
        return lines;
    }

    @Test
    @DisplayName("a coordinator logs in with the form, counts the markers of the territory, follows a Will live,"
            + " switches layers (65+ once INSEE's file is imported), opens a site from its marker and downloads the list")
    void mapOfACoordinator() throws Exception {
        logIn("coordination-55", coordinatorPassword, "portal-login");
        ready();
        // the coordinator of the Meuse sees this test's three Meuse sites, not its Haute-Marne pharmacy (the shared
        // broker may hold retained births of other runs: those sites are in this database too, not counted here)
        screenshot("portal-map");
        waiting().withMessage(() -> "markers: " + markerIds())
                .until(d -> markerIds().stream().filter(id -> id.endsWith(runId)).count() == 3);
        assertThat(markerIds().stream().filter(id -> id.endsWith(runId)))
                .containsExactlyInAnyOrder(cabin, msp, franceServices);
        assertThat(browser.findElements(By.cssSelector("#liste-sites tbody a")).stream()
                .map(a -> a.getDomAttribute("href")).filter(href -> href.endsWith(runId)))
                .as("the list of sites below the map").hasSize(3);
        assertThat(marker(cabin).getDomAttribute("data-kind")).isEqualTo("CABIN");
        assertThat(marker(msp).getDomAttribute("data-kind")).isEqualTo("HEALTH_CENTRE");
        assertThat(marker(franceServices).getDomAttribute("data-kind")).isEqualTo("PUBLIC_SERVICE_POINT");
        assertThat(marker(cabin).getCssValue("background-color")).isEqualTo(ONLINE_GREEN);
        assertThat(browser.findElements(By.cssSelector("span.site-marker[data-site-id='" + pharmacy + "']"))).isEmpty();
        assertThat(communeColours()).as("commune polygons drawn (the Meuse has 499)").hasSizeGreaterThan(499);
        screenshot("portal-map");

        script("window.sameDocument = true;");
        publisher.publish(cabin, new StateMessage(1, UUID.randomUUID(), cabin, Instant.now(), 1, 0,
                ConnectionState.OFFLINE, null, null));
        waiting().until(d -> "OFFLINE".equals(marker(cabin).getDomAttribute("data-state")));
        assertThat(marker(cabin).getCssValue("background-color")).isEqualTo(OFFLINE_RED);
        assertThat(marker(msp).getDomAttribute("data-state")).isEqualTo("ONLINE");
        assertThat(script("return window.sameDocument === true;")).as("the page was not reloaded").isEqualTo(true);
        screenshot("portal-map-will");

        // the rate layer has no sessions yet: every commune in its « 0 » class; APL paints the fragile ones red
        List<String> rateColours = communeColours();
        String legendBefore = browser.findElement(By.id("legend")).getText();
        browser.findElement(By.cssSelector("#layers input[value='apl']")).click();
        waiting().until(d -> d.findElement(By.id("legend")).getText().contains("moins de 2,5"));
        assertThat(browser.findElement(By.id("legend")).getText()).isNotEqualTo(legendBefore);
        List<String> aplColours = communeColours();
        assertThat(aplColours).isNotEqualTo(rateColours).contains("#b2182b").doesNotContain("#f7fbff");
        screenshot("portal-map-apl-layer");

        browser.findElement(By.cssSelector("#layers input[value='age65']")).click();
        waiting().until(d -> d.findElement(By.id("legend")).getText().contains("65 ans et plus"));
        assertThat(browser.findElement(By.id("not-imported")).getText()).startsWith("Données non importées");
        assertThat(communeColours()).as("no data: all grey").containsOnly("#e0e0e0");
        screenshot("portal-map-age65-not-imported");

        Path file = Files.createTempFile("base-cc-evol-struct-pop-2021", ".CSV");
        try (var in = getClass().getClassLoader().getResourceAsStream(
                "territory/base-cc-evol-struct-pop-2021_test.CSV")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        var imported = new Http(server.getURI()).send(HttpRequest.newBuilder(
                        server.getURI().resolve("/api/admin/territory/imports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"dataset\":\"AGE_STRUCTURE\",\"path\":\"" + file + "\",\"departements\":[\"55\"]}")));
        Files.delete(file);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        browser.navigate().refresh();
        ready();
        browser.findElement(By.cssSelector("#layers input[value='age65']")).click();
        waiting().until(d -> d.findElement(By.id("legend")).getText().contains("recensement 2021"));
        assertThat(browser.findElements(By.id("not-imported"))).isEmpty();
        // (P21_POP6579 + P21_POP80P) / P21_POP in the test file: Bar-le-Duc 19.3 %, Commercy 21.0 %
        assertThat(communeColour("55029")).as("moins de 20 %").isEqualTo("#f2f0f7");
        assertThat(communeColour("55122")).as("20 à 25 %").isEqualTo("#cbc9e2");
        assertThat(communeColour("55545")).as("not in the file").isEqualTo("#e0e0e0");
        screenshot("portal-map-age65");

        browser.findElement(By.cssSelector("#exports #sites-csv")).click();
        List<String> csv = Files.readAllLines(downloaded("sites.csv"));
        assertThat(csv.stream().filter(line -> line.contains(runId))).hasSize(3);
        assertThat(csv.getFirst()).isEqualTo("id,name,kind,inseeCode,commune,departement,epciSiren,latitude,longitude,state");
        assertThat(String.join("\n", csv)).contains("Cabine de Bar-le-Duc").contains("MSP de Commercy")
                .contains("France services de Verdun").doesNotContain("Joinville");

        waiting().until(d -> marker(cabin).isDisplayed());
        marker(cabin).click();
        WebElement open = waiting().until(d -> d.findElement(By.cssSelector(".leaflet-popup a.open-site")));
        assertThat(browser.findElement(By.cssSelector(".leaflet-popup")).getText())
                .contains("Cabine de Bar-le-Duc").contains("Hors ligne");
        screenshot("portal-map-popup");
        open.click();
        waiting().until(d -> d.getCurrentUrl().contains("/site.html?id=" + cabin));
        ready();
        assertThat(browser.findElement(By.id("site-name")).getText()).isEqualTo("Cabine de Bar-le-Duc");
        assertThat(browser.findElement(By.id("site-state")).getText()).isEqualTo("Hors ligne");
        screenshot("portal-site-cabin");

        browser.findElement(By.id("availability-csv")).click();
        List<String> availability = Files.readAllLines(downloaded("disponibilite-" + cabin + ".csv"));
        assertThat(availability.getFirst()).startsWith("day,availability,openSeconds,onlineSeconds");
        assertThat(availability).hasSize(31); // 30 days and the header
        assertThat(browser.findElement(By.id("incidents-export")).isDisplayed()).isTrue();
        browser.findElement(By.id("incidents-csv")).click();
        List<String> incidents = Files.readAllLines(downloaded("incidents-" + cabin + ".csv"));
        assertThat(incidents.getFirst()).isEqualTo(
                "id,rule,deviceId,detail,openedAt,resolvedAt,escalatedAt,acknowledgedAt,acknowledgedBy");

        assertThat(consoleLines()).as("no refused favicon").noneMatch(line -> line.contains("favicon"));
    }

    /** The number in the first cell after the label, on the row of the comparison table that starts with it. */
    private long comparisonFigure(String label) {
        String row = browser.findElements(By.cssSelector("#comparison tbody tr")).stream()
                .map(WebElement::getText).filter(text -> text.startsWith(label)).findFirst().orElseThrow();
        Matcher number = Pattern.compile("\\) ([0-9\\u202f\\u00a0]+)").matcher(row);
        assertThat(number.find()).as(row).isTrue();
        return Long.parseLong(number.group(1).replaceAll("[^0-9]", ""));
    }

    /** Read by the Meuse coordinator: a site operator sees its own site, not territory aggregates. */
    private long residentsTeleconsultations() throws Exception {
        logIn("coordination-55", coordinatorPassword, null);
        browser.get(server.getURI() + "/territoire.html?level=communes&code=" + COMMERCY);
        ready();
        return comparisonFigure("Téléconsultations des habitants");
    }

    @SuppressWarnings("unchecked")
    private long finishedSessionsShown() {
        browser.get(server.getURI() + "/site.html?id=" + msp);
        ready();
        List<Object> finished = (List<Object>) script("return [...document.querySelectorAll("
                + "'#weekly-table tbody tr td:nth-child(2)')].map(td => td.textContent);");
        return finished.stream().mapToLong(cell -> Long.parseLong(cell.toString())).sum();
    }

    /** Sessions of Commercy's residents registered earlier through the same API the form uses. */
    private void earlierSessions(String operatorToken) {
        Http operator = new Http(server.getURI(), operatorToken);
        LocalDateTime start = LocalDateTime.now(FRANCE).minusHours(3).truncatedTo(ChronoUnit.MINUTES);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EARLIER_SESSIONS; i++) {
            var response = operator.send(HttpRequest.newBuilder(
                            server.getURI().resolve("/api/portal/sites/" + msp + "/sessions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"startedAt":"%s","endedAt":"%s","professional":"NURSE","reason":"NO_REGULAR_DOCTOR",
                             "outcome":"ADVICE_ONLY","commune":"%s","devices":[]}
                            """.formatted(start.plusMinutes(i), start.plusMinutes(i + 10), COMMERCY))));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            Matcher id = Pattern.compile("\"sessionId\":\"([^\"]+)\"").matcher(response.body());
            assertThat(id.find()).isTrue();
            ids.add(id.group(1));
        }
        Http admin = new Http(server.getURI());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                ids.stream().allMatch(id -> admin.get("/fhir/Encounter/" + id).statusCode() == 200));
    }

    @Test
    @DisplayName("an operator types a session with the keyboard, sees the validator's messages tied to the fields,"
            + " registers it and sees the site's weekly count go up by one, as the coordinator sees the commune's"
            + " teleconsultations")
    void sessionTypedInTheFormChangesTheCounts() throws Exception {
        String operatorPassword = account("operateur-msp", Roles.SITE_OPERATOR, null, msp);
        earlierSessions(Tokens.siteOperator(msp));

        logIn("operateur-msp", operatorPassword, null);
        long weeklyBefore = finishedSessionsShown();
        assertThat(weeklyBefore).isEqualTo(EARLIER_SESSIONS);
        screenshot("portal-site-before");
        long residentsBefore = residentsTeleconsultations();
        assertThat(residentsBefore).isEqualTo(EARLIER_SESSIONS);
        screenshot("portal-territory-commune-before");
        logIn("operateur-msp", operatorPassword, null);

        browser.get(server.getURI() + "/site.html?id=" + msp);
        ready();
        browser.findElement(By.id("saisie")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/saisie.html?site=" + msp));
        ready();

        // keyboard only: the tab order follows the form, top to bottom (Tab also walks a date's day, month…)
        browser.findElement(By.id("started-at")).click();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 40 && !order.contains("satisfaction"); i++) {
            String focused = (String) script("return document.activeElement.id;");
            if (order.isEmpty() || !order.getLast().equals(focused)) {
                order.add(focused);
            }
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertThat(order).containsExactly("started-at", "ended-at", "professional", "specialty", "reason", "outcome",
                "age-band", "sex", "commune", "satisfaction");
        browser.findElement(By.id("commune")).sendKeys("Nullepart-sur-Meuse");
        browser.findElement(By.id("enregistrer")).sendKeys(Keys.ENTER);
        WebElement errors = waiting().until(d -> d.findElement(By.cssSelector("#messages .errors")));
        assertThat(errors.getText()).contains("à renseigner").contains("commune inconnue");
        assertThat(script("return document.activeElement.id;")).as("focus on the list of errors").isEqualTo("messages");
        for (String field : List.of("professional", "reason", "outcome")) {
            WebElement input = browser.findElement(By.id(field));
            assertThat(input.getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(input.getDomAttribute("aria-describedby")).isEqualTo("erreur-" + field);
            assertThat(browser.findElement(By.id("erreur-" + field)).getText()).startsWith("à renseigner");
        }
        assertThat(browser.findElement(By.id("commune")).getDomAttribute("aria-describedby"))
                .as("the error and the field's hint").isEqualTo("erreur-commune aide-commune");
        assertThat(errors.findElements(By.cssSelector("a[href='#professional'], a[href='#commune']"))).hasSize(2);
        screenshot("portal-session-invalid");

        new Select(browser.findElement(By.id("professional"))).selectByValue("PHARMACIST");
        new Select(browser.findElement(By.id("reason"))).selectByValue("NO_REGULAR_DOCTOR");
        new Select(browser.findElement(By.id("outcome"))).selectByValue("PRESCRIPTION");
        new Select(browser.findElement(By.id("age-band"))).selectByValue("AGE_75_89");
        WebElement commune = browser.findElement(By.id("commune"));
        commune.clear();
        commune.sendKeys(COMMERCY);
        browser.findElement(By.cssSelector("#devices input[value='STETHOSCOPE']")).sendKeys(Keys.SPACE);
        browser.findElement(By.cssSelector("#role-strengthened input[value='AGREE']")).sendKeys(Keys.SPACE);
        browser.findElement(By.id("enregistrer")).sendKeys(Keys.ENTER);

        WebElement result = waiting().until(d -> d.findElement(By.id("result")));
        String sessionId = result.getDomAttribute("data-session-id");
        waiting().until(d -> "true".equals(d.findElement(By.id("encounter-status")).getDomAttribute("data-stored")));
        assertThat(browser.findElement(By.id("commune")).getDomAttribute("aria-describedby")).isEqualTo("aide-commune");
        screenshot("portal-session-registered");
        var encounter = new Http(server.getURI()).get("/fhir/Encounter/" + sessionId);
        assertThat(encounter.statusCode()).isEqualTo(200);
        assertThat(encounter.body()).contains("\"finished\"").contains(sessionId);
        var answers = new Http(server.getURI()).get("/fhir/QuestionnaireResponse?encounter=" + sessionId);
        assertThat(answers.statusCode()).isEqualTo(200);
        assertThat(answers.body()).as("the professional's answer, as a QuestionnaireResponse of the session")
                .contains("assisting-professional-survey").contains("\"linkId\":\"role-strengthened\"")
                .contains("\"code\":\"agree\"");

        assertThat(finishedSessionsShown()).isEqualTo(weeklyBefore + 1);
        screenshot("portal-site-after");
        browser.findElement(By.id("weekly-csv")).click();
        List<String> weekly = Files.readAllLines(downloaded("seances-par-semaine-" + msp + ".csv"));
        assertThat(weekly.getFirst()).isEqualTo("week,finished,cancelled");
        assertThat(weekly.stream().skip(1).mapToLong(line -> Long.parseLong(line.split(",")[1])).sum())
                .isEqualTo(weeklyBefore + 1);
        assertThat(residentsTeleconsultations()).isEqualTo(residentsBefore + 1);
        screenshot("portal-territory-commune-after");
    }

    @Test
    @DisplayName("the territory page compares an EPCI and downloads its tables as CSV and its PDF report with the map")
    void territoryPageAndDownloads() throws Exception {
        logIn("coordination-55", coordinatorPassword, null);
        browser.get(server.getURI() + "/territoire.html?level=epci&code=" + EPCI);
        ready();
        assertThat(browser.findElement(By.id("territory-name")).getText()).isEqualTo("EPCI : CA de Bar-le-Duc - Sud Meuse");
        assertThat(browser.findElement(By.id("comparison")).getText()).contains("Population municipale")
                .contains("33\u202f281");
        assertThat(browser.findElements(By.cssSelector("#communes tbody tr"))).hasSize(33);
        screenshot("portal-territory");

        browser.findElement(By.linkText("Communes (CSV)")).click();
        List<String> csv = Files.readAllLines(downloaded("communes-epci-" + EPCI + ".csv"));
        assertThat(csv).hasSize(34);
        assertThat(csv.getFirst()).isEqualTo("code,name,departement,epciSiren,population,apl,teleconsultations,"
                + "per1000Inhabitants,gpsPer10000,share65Plus,sites,suppressed");
        assertThat(csv).anyMatch(line -> line.startsWith("55029,Bar-le-Duc,55,200033025,"));
        browser.findElement(By.linkText("Tableau comparé (CSV)")).click();
        List<String> comparison = Files.readAllLines(downloaded("comparaison-epci-" + EPCI + ".csv"));
        assertThat(comparison.getFirst()).startsWith("indicator,label,unit,territory,departement,network");
        assertThat(comparison).anyMatch(line -> line.startsWith("POPULATION,Population municipale,habitants,33281,"));
        browser.findElement(By.linkText("Communes (GeoJSON)")).click();
        String geoJson = Files.readString(downloaded("communes-epci-" + EPCI + ".geojson"), StandardCharsets.UTF_8);
        assertThat(geoJson).startsWith("{\"type\":\"FeatureCollection\"").contains("\"code\":\"55029\"");

        browser.findElement(By.id("report")).click();
        Path report = downloaded("rapport-epci-" + EPCI + ".pdf");
        Files.copy(report, SCREENSHOTS.resolve("portal-report-epci.pdf"), StandardCopyOption.REPLACE_EXISTING);
        byte[] pdf = Files.readAllBytes(report);
        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        reader.close();
        assertThat(text).contains("CA de Bar-le-Duc - Sud Meuse").contains("Indicateurs comparés")
                .contains("Population municipale");
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).as("map and chart images")
                .containsPattern("/Subtype\\s*/Image");
    }
}
