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
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import fr.maillage.support.Tokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The telemedicine tab in Debian's headless Chromium, against the application on the real PostgreSQL and broker:
 * markers of the test's sites, their colour changing when a Will arrives (server-sent events, no reload), and a
 * session typed in the form that ends as a stored Encounter. Screenshots go to {@code target/screenshots}.
 */
@MicronautTest
class PortalBrowserIT extends RealServers {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** CA de Bar-le-Duc - Sud Meuse, 33 communes in the shipped data. */
    private static final String EPCI = "200033025";
    private static final String ONLINE_GREEN = "rgba(30, 126, 52, 1)";
    private static final String OFFLINE_RED = "rgba(179, 38, 30, 1)";

    @Inject EmbeddedServer server;
    @Inject MqttIngestClient ingest;

    private WebDriver browser;
    private Path profile;
    private Path downloads;
    private TestPublisher publisher;
    private final List<String> sites = new ArrayList<>();

    @BeforeAll
    void startBrowser() throws Exception {
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
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.manage().logs().get(LogType.BROWSER).forEach(entry -> System.out.println("browser: " + entry));
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

    private WebElement marker(String site) {
        return browser.findElement(By.cssSelector("span.site-marker[data-site-id='" + site + "']"));
    }

    /**
     * Gives the browser the session cookie a login gives, holding a token of the role (signed as the test
     * application expects): the cookie is set on the login page, the one page open to anonymous visitors.
     */
    private void logIn(String token) {
        browser.get(server.getURI() + "/login");
        browser.manage().deleteAllCookies();
        browser.manage().addCookie(new Cookie("JWT", token));
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @DisplayName("the map shows each site's marker by kind and turns it red when its Will arrives, without reload")
    void markerFollowsTheSiteStateLive() throws Exception {
        String pharmacy = born("pharmacie", "Pharmacie de Joinville", SiteKind.PHARMACY, "52250", 48.444, 5.141);
        String cabin = born("cabine", "Cabine de Bar-le-Duc", SiteKind.CABIN, "55029", 48.772, 5.160);

        logIn(Tokens.admin());
        browser.get(server.getURI() + "/");
        waiting().until(d -> !d.findElements(By.cssSelector("span.site-marker[data-site-id='" + pharmacy + "']"))
                .isEmpty() && !d.findElements(By.cssSelector("span.site-marker[data-site-id='" + cabin + "']")).isEmpty());
        waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(marker(pharmacy).getDomAttribute("data-kind")).isEqualTo("PHARMACY");
        assertThat(marker(cabin).getDomAttribute("data-kind")).isEqualTo("CABIN");
        assertThat(marker(pharmacy).getCssValue("background-color")).isEqualTo(ONLINE_GREEN);
        assertThat(browser.findElements(By.cssSelector("path.leaflet-interactive, canvas")))
                .as("commune polygons drawn").isNotEmpty();
        screenshot("portal-map");

        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");
        publisher.publish(pharmacy, new StateMessage(1, UUID.randomUUID(), pharmacy, Instant.now(), 1, 0,
                ConnectionState.OFFLINE, null, null));
        waiting().until(d -> "OFFLINE".equals(marker(pharmacy).getDomAttribute("data-state")));
        assertThat(marker(pharmacy).getCssValue("background-color")).isEqualTo(OFFLINE_RED);
        assertThat(marker(cabin).getDomAttribute("data-state")).isEqualTo("ONLINE");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"))
                .as("the page was not reloaded").isEqualTo(true);

        browser.findElement(By.cssSelector("#layers input[value='apl']")).click();
        waiting().until(d -> d.findElement(By.id("legend")).getText().contains("moins de 2,5"));
        screenshot("portal-map-will-apl-layer");
    }

    @Test
    @SuppressWarnings("unchecked")
    @DisplayName("the session form shows the validator's French messages, then registers a session read back as FHIR")
    void sessionTypedInTheFormBecomesAnEncounter() throws Exception {
        String site = born("msp", "MSP de Commercy", SiteKind.HEALTH_CENTRE, "55122", 48.763, 5.591);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                new Http(server.getURI()).get("/api/sites/" + site).statusCode() == 200);

        logIn(Tokens.siteOperator(site));
        browser.get(server.getURI() + "/saisie.html?site=" + site);
        waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        browser.findElement(By.id("enregistrer")).click();
        WebElement errors = waiting().until(d -> d.findElement(By.cssSelector("#messages .errors")));
        assertThat(errors.getText()).contains("à renseigner");
        assertThat(browser.findElement(By.id("professional")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("reason")).getDomAttribute("aria-invalid")).isEqualTo("true");
        screenshot("portal-session-invalid");

        new Select(browser.findElement(By.id("professional"))).selectByValue("PHARMACIST");
        new Select(browser.findElement(By.id("reason"))).selectByValue("NO_REGULAR_DOCTOR");
        new Select(browser.findElement(By.id("outcome"))).selectByValue("PRESCRIPTION");
        new Select(browser.findElement(By.id("age-band"))).selectByValue("AGE_75_89");
        browser.findElement(By.id("commune")).sendKeys("55029");
        browser.findElement(By.cssSelector("#devices input[value='STETHOSCOPE']")).click();
        browser.findElement(By.id("enregistrer")).click();

        WebElement result = waiting().until(d -> d.findElement(By.id("result")));
        String sessionId = result.getDomAttribute("data-session-id");
        waiting().until(d -> "true".equals(d.findElement(By.id("encounter-status")).getDomAttribute("data-stored")));
        screenshot("portal-session-registered");

        var encounter = new Http(server.getURI()).get("/fhir/Encounter/" + sessionId);
        assertThat(encounter.statusCode()).isEqualTo(200);
        assertThat(encounter.body()).contains("\"finished\"").contains(sessionId);

        browser.get(server.getURI() + "/site.html?id=" + site);
        waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(browser.findElement(By.id("site-state")).getText()).isEqualTo("En ligne");
        Object thisWeek = ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#weekly-table tbody tr:last-child td')].map(td => td.textContent);");
        assertThat((List<Object>) thisWeek).as("this week's finished and cancelled sessions").endsWith("1", "0");
        screenshot("portal-site");
    }

    private Path downloaded(String name) {
        Path file = downloads.resolve(name);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file) && Files.size(file) > 0
                && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    @Test
    @DisplayName("the territory page compares an EPCI and downloads its communes as CSV and its PDF report with the map")
    void territoryPageAndDownloads() throws Exception {
        logIn(Tokens.coordinator("55"));
        browser.get(server.getURI() + "/territoire.html?level=epci&code=" + EPCI);
        waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(browser.findElement(By.id("territory-name")).getText()).isEqualTo("EPCI : CA de Bar-le-Duc - Sud Meuse");
        assertThat(browser.findElement(By.id("comparison")).getText()).contains("Population municipale")
                .contains("33\u202f281");
        assertThat(browser.findElements(By.cssSelector("#communes tbody tr"))).hasSize(33);
        screenshot("portal-territory");

        browser.findElement(By.linkText("Communes (CSV)")).click();
        List<String> csv = Files.readAllLines(downloaded("communes-epci-" + EPCI + ".csv"));
        assertThat(csv).hasSize(34);
        assertThat(csv.getFirst()).startsWith("code,name,departement,epciSiren,population");

        browser.findElement(By.id("report")).click();
        Path report = downloaded("rapport-epci-" + EPCI + ".pdf");
        Files.copy(report, SCREENSHOTS.resolve("portal-report-epci.pdf"), StandardCopyOption.REPLACE_EXISTING);
        byte[] pdf = Files.readAllBytes(report);
        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        reader.close();
        assertThat(text).contains("CA de Bar-le-Duc - Sud Meuse").contains("Indicateurs comparés");
        assertThat(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).as("map and chart images")
                .containsPattern("/Subtype\\s*/Image");
    }
}
