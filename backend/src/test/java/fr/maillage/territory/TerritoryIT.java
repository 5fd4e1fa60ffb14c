package fr.maillage.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.maillage.territory.coverage.CoverageCalculator;
import fr.maillage.territory.coverage.CoverageController;
import fr.maillage.territory.importer.Dataset;
import fr.maillage.territory.importer.ImportReport;
import fr.maillage.territory.importer.ImportRequest;
import fr.maillage.territory.importer.ShippedData;
import fr.maillage.territory.indicator.TerritoryIndicators;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The territory feature on the real PostgreSQL: the start-up import of the shipped data, its idempotence, and
 * indicators on a hand-built set of sessions whose expected values are worked out in {@link #sessions()}.
 */
@MicronautTest
class TerritoryIT extends TerritoryServers {

    private static final String JANUARY = "from=2025-01-01&to=2025-01-31";
    private static final int BAR_LE_DUC_POPULATION = 14_607;

    @Inject @Client("/") HttpClient http;
    @Inject DataSource contextualDataSource;
    @Inject DataSourceResolver dataSources;
    private DataSource dataSource;
    @Inject JsonMapper json;

    /**
     * Site A (cabin) in Bar-le-Duc 55029, site B (pharmacy) in Verdun 55545. Finished sessions in January 2025:
     * residents of Bar-le-Duc: 12 at A without regular doctor (NO_REGULAR_DOCTOR, 60-74, satisfaction 9),
     * 12 at A with one (PATIENT_PREFERENCE, 30-44, satisfaction 10), 3 at B without (NO_APPOINTMENT_IN_TIME,
     * 75-89), 1 at A with one on 1 January 00:30 Paris time (PATIENT_PREFERENCE, 30-44); residents of Anglus
     * (former code 52010, now Ceffonds 52088): 11 at B. Not counted: 2 cancelled at A, 1 at A on 31 December
     * 23:30 Paris time.
     */
    @BeforeAll
    void sessions() throws Exception {
        dataSource = dataSources.resolve(contextualDataSource);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            site(c, "A", "CABIN", "55029");
            site(c, "B", "PHARMACY", "55545");
            encounters(c, 12, "A", "finished", "2025-01-10T09:00:00Z", "55029", false, "NO_REGULAR_DOCTOR", "AGE_60_74", 9);
            encounters(c, 12, "A", "finished", "2025-01-11T09:00:00Z", "55029", true, "PATIENT_PREFERENCE", "AGE_30_44", 10);
            encounters(c, 3, "B", "finished", "2025-01-12T09:00:00Z", "55029", false, "NO_APPOINTMENT_IN_TIME", "AGE_75_89", null);
            encounters(c, 1, "A", "finished", "2024-12-31T23:30:00Z", "55029", true, "PATIENT_PREFERENCE", "AGE_30_44", null);
            encounters(c, 11, "B", "finished", "2025-01-20T09:00:00Z", "52010", true, "OUT_OF_HOURS", "AGE_45_59", null);
            encounters(c, 2, "A", "cancelled", "2025-01-15T09:00:00Z", "55029", false, "NO_REGULAR_DOCTOR", "AGE_60_74", null);
            encounters(c, 1, "A", "finished", "2024-12-31T22:30:00Z", "55029", false, "NO_REGULAR_DOCTOR", "AGE_60_74", null);
        }
    }

    private void site(Connection c, String name, String kind, String commune) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO site (id, name, kind, insee_code, connection, conn_seq,"
                + " last_status_seq, created_at) VALUES (?, ?, ?, ?, 'ONLINE', 1, 0, now())")) {
            s.setString(1, siteId(name));
            s.setString(2, name);
            s.setString(3, kind);
            s.setString(4, commune);
            s.executeUpdate();
        }
    }

    private void encounters(Connection c, int count, String site, String status, String start, String residence,
            boolean regularDoctor, String reason, String ageBand, Integer satisfaction) throws Exception {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO encounter (id, site_id, status, period_start, residence_insee_code, age_band,
                    has_regular_doctor, recourse_reason, satisfaction, version_id, resource, updated_at)
                SELECT gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, 1, '{}'::jsonb, now() FROM generate_series(1, ?)
                """)) {
            s.setString(1, siteId(site));
            s.setString(2, status);
            s.setTimestamp(3, Timestamp.from(Instant.parse(start)));
            s.setString(4, residence);
            s.setString(5, ageBand);
            s.setBoolean(6, regularDoctor);
            s.setString(7, reason);
            s.setObject(8, satisfaction == null ? null : satisfaction.shortValue(), Types.SMALLINT);
            s.setInt(9, count);
            s.executeUpdate();
        }
    }

    private TerritoryIndicators indicators(String path) {
        return http.toBlocking().retrieve("/api/territories/" + path, TerritoryIndicators.class);
    }

    /**
     * The Meuse's population municipale 2023 (populations de référence in force from 1 January 2026) as published
     * by INSEE in December 2025 and reported by the press from INSEE's release: « Le département compte désormais
     * 180 290 habitants » (Puissance Télévision, https://www.puissancetelevision.fr/?p=51672) and « la Meuse […]
     * avec 180 290 habitants en 2023 » (La Gazette lorraine,
     * https://www.lagazettefrance.fr/article/demographie-toujours-a-la-baisse-en-meuse). A fact from outside the
     * shipped file, so the sum of its communes is checked against something it was not computed from.
     */
    static final long MEUSE_PUBLISHED_2023 = 180_290;

    @Test
    @DisplayName("the communes of each département add up to its total; the Meuse's equals the published INSEE total"
            + " (for 52 and 54 no published figure could be found to cite: see SOURCES.md)")
    void startupImportGivesEachDepartementItsPublishedPopulation() {
        List<Map<String, Object>> departements = http.toBlocking().retrieve(
                HttpRequest.GET("/api/territories/departements"), Argument.listOf(Argument.mapOf(String.class, Object.class)));

        // 52 and 54: the sums documented with the shipped file (SOURCES.md), i.e. a check of the import only
        assertThat(departements).extracting(d -> d.get("code"), d -> ((Number) d.get("population")).longValue(),
                        d -> ((Number) d.get("communes")).intValue())
                .containsExactly(
                        tuple("52", 168_331L, 426),
                        tuple("54", 732_236L, 591),
                        tuple("55", MEUSE_PUBLISHED_2023, 499));
    }

    @Test
    void reimportingTheShippedDataChangesNothing() {
        List<ImportReport> reports = http.toBlocking().retrieve(
                HttpRequest.POST("/api/admin/territory/imports", new ImportRequest(null, null, List.of("52", "54", "55"))),
                Argument.listOf(ImportReport.class));

        assertThat(reports).hasSize(5).allSatisfy(report -> {
            assertThat(report.inserted()).as(report.dataset() + " inserted").isZero();
            assertThat(report.updated()).as(report.dataset() + " updated").isZero();
            assertThat(report.deleted()).as(report.dataset() + " deleted").isZero();
            assertThat(report.unchanged()).as(report.dataset() + " unchanged").isPositive();
        });
        Map<String, Integer> unchanged = reports.stream()
                .collect(Collectors.toMap(r -> r.dataset().name(), ImportReport::unchanged));
        assertThat(unchanged).containsEntry("COMMUNES", 1_516).containsEntry("EPCI", 44).containsEntry("FORMER_CODES", 180)
                .containsEntry("POLYGONS", 1_516).containsEntry("APL", 3_020);
    }

    @Test
    void aplReadFromTheWorkbookEqualsThePublishedValues() throws Exception {
        // the start-up import took the CSV extract; the workbook as published must change none of its 3,020 rows
        Path workbook = Files.createTempFile("drees_apl_2022_2023", ".xlsx");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ShippedData.APL_WORKBOOK)) {
            Files.copy(in, workbook, StandardCopyOption.REPLACE_EXISTING);
        }
        ImportReport report = http.toBlocking().retrieve(
                HttpRequest.POST("/api/admin/territory/imports",
                        new ImportRequest(Dataset.APL, workbook.toString(), List.of("52", "54", "55"))),
                Argument.listOf(ImportReport.class)).getFirst();
        Files.delete(workbook);

        assertThat(report.read()).isEqualTo(34_964 + 34_954);
        assertThat(report.unchanged()).isEqualTo(3_020);
        assertThat(report.inserted() + report.updated()).isZero();
        assertThat(report.skipReasons()).containsOnly(Map.entry("département not selected", 69_918 - 3_020));
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT apl, apl_under_65, total_population FROM commune_apl WHERE insee_code = ? AND year = ?")) {
            s.setString(1, "55029");
            s.setInt(2, 2023);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble(1)).isEqualTo(3.257);
                assertThat(rs.getDouble(2)).isEqualTo(2.362);
                assertThat(rs.getInt(3)).isEqualTo(14_668);
            }
        }
    }

    @Test
    void indicatorsByResidenceEqualTheHandComputedValues() {
        TerritoryIndicators bar = indicators("communes/55029/indicators?" + JANUARY);
        TerritoryIndicators.Activity activity = bar.byResidence();

        assertThat(bar.territory().population()).isEqualTo(BAR_LE_DUC_POPULATION);
        assertThat(activity.teleconsultations().value()).isEqualTo(28.0);
        assertThat(activity.per1000Inhabitants().value()).isCloseTo(28 * 1000.0 / BAR_LE_DUC_POPULATION, within(1e-9));
        assertThat(activity.withoutRegularDoctorShare().value()).isCloseTo(15 / 28.0, within(1e-12));
        assertThat(activity.hardToAccessShare().value()).isCloseTo(15 / 28.0, within(1e-12));
        assertThat(activity.meanSatisfaction().value()).isCloseTo(9.5, within(1e-12));
        // 3 NO_APPOINTMENT_IN_TIME is secret; NO_REGULAR_DOCTOR (12) is hidden with it, else 28 - 13 - 0 gives it
        assertThat(activity.recourseReasons()).filteredOn(cell -> cell.suppressed())
                .extracting(cell -> cell.code()).containsExactlyInAnyOrder("NO_APPOINTMENT_IN_TIME", "NO_REGULAR_DOCTOR");
        assertThat(activity.recourseReasons()).filteredOn(cell -> cell.code().equals("PATIENT_PREFERENCE"))
                .singleElement().satisfies(cell -> assertThat(cell.count()).isEqualTo(13));
        assertThat(bar.supply().aplYear()).isEqualTo(2023);
        assertThat(bar.supply().apl()).isCloseTo(3.257, within(1e-9));
        assertThat(bar.sites().byKind()).containsExactly(Map.entry("CABIN", 1L));
    }

    @Test
    void indicatorsBySiteCountWhereTheSessionsWereHeld() {
        assertThat(indicators("communes/55029/indicators?" + JANUARY).bySite().teleconsultations().value())
                .isEqualTo(25.0);
        assertThat(indicators("communes/55545/indicators?" + JANUARY).bySite().teleconsultations().value())
                .isEqualTo(14.0);
        TerritoryIndicators meuse = indicators("departements/55/indicators?" + JANUARY);
        assertThat(meuse.bySite().teleconsultations().value()).isEqualTo(39.0);
        assertThat(meuse.sites().total()).isEqualTo(2);
    }

    @Test
    void aFormerCommuneCodeCountsForTheCommuneItBelongsToNow() {
        assertThat(indicators("communes/52088/indicators?" + JANUARY).byResidence().teleconsultations().value())
                .isEqualTo(11.0);
        assertThat(indicators("departements/52,54,55/indicators?" + JANUARY).byResidence().teleconsultations().value())
                .isEqualTo(39.0);
        TerritoryIndicators anglus = indicators("communes/52010/indicators?" + JANUARY);
        assertThat(anglus.territory().codes()).containsExactly("52088");
        assertThat(anglus.territory().names()).containsExactly("Ceffonds");
    }

    @Test
    void smallCountsAreSuppressed() {
        TerritoryIndicators.Activity activity =
                indicators("communes/55029/indicators?from=2025-01-12&to=2025-01-12").byResidence();

        assertThat(activity.teleconsultations().value()).isNull();
        assertThat(activity.teleconsultations().suppressed()).isTrue();
        assertThat(activity.per1000Inhabitants().suppressed()).isTrue();
        String body = http.toBlocking().retrieve("/api/territories/communes/55029/indicators?from=2025-01-12&to=2025-01-12");
        assertThat(body).contains("\"teleconsultations\":{\"value\":null,\"suppressed\":true}");
    }

    @Test
    void badRequestsGetA400SayingWhatIsWrong() {
        assertThat(badRequest("/api/territories/cantons/5501/indicators")).contains("unknown territory level 'cantons'");
        assertThat(badRequest("/api/territories/communes/5502/indicators")).contains("'5502' is not a valid code");
        assertThat(badRequest("/api/territories/communes/55029/indicators?from=2025-13-01"))
                .contains("'from' must be a date as YYYY-MM-DD");
        assertThat(badRequest("/api/territories/communes/55029/indicators?from=2025-02-01&to=2025-01-01"))
                .contains("is after 'to'");
    }

    private String badRequest(String uri) {
        HttpClientResponseException e = assertThrows(
                HttpClientResponseException.class, () -> http.toBlocking().retrieve(uri));
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        return e.getResponse().getBody(String.class).orElseThrow();
    }

    @Test
    void theMapHasEveryCommuneWithItsPolygonAndFigures() throws Exception {
        String body = http.toBlocking().retrieve("/api/territories/communes.geojson?departements=55&" + JANUARY);
        JsonNode map = json.readValue(body, JsonNode.class);

        assertThat(map.get("features").size()).isEqualTo(499);
        JsonNode bar = null;
        for (JsonNode feature : map.get("features").values()) {
            if (feature.get("id").getStringValue().equals("55029")) {
                bar = feature;
            }
        }
        assertThat(bar).isNotNull();
        assertThat(bar.get("geometry").get("type").getStringValue()).isIn("Polygon", "MultiPolygon");
        assertThat(bar.get("properties").get("teleconsultations").getLongValue()).isEqualTo(28);
        assertThat(bar.get("properties").get("sites").getLongValue()).isEqualTo(1);
    }

    @Test
    void theCsvExportHasOneLinePerCommune() {
        String csv = http.toBlocking().retrieve("/api/territories/communes.csv?departements=55&" + JANUARY);

        assertThat(csv.lines()).hasSize(1 + 499);
        assertThat(csv).contains("\n55029,Bar-le-Duc,55,200033025,14607,3.257,28,");
    }

    @Test
    void careSupplyImportsFromAnRppsExtractionOnTheServer() throws Exception {
        Path file = Path.of(getClass().getResource("/territory/PS_LibreAcces_Personne_activite_test.txt").toURI());
        ImportRequest request = new ImportRequest(
                Dataset.CARE_SUPPLY, file.toString(), List.of("52", "54", "55"));

        ImportReport first = http.toBlocking().retrieve(
                HttpRequest.POST("/api/admin/territory/imports", request), Argument.listOf(ImportReport.class)).getFirst();
        ImportReport again = http.toBlocking().retrieve(
                HttpRequest.POST("/api/admin/territory/imports", request), Argument.listOf(ImportReport.class)).getFirst();

        assertThat(first.read()).isEqualTo(17);
        assertThat(first.skipped()).isEqualTo(5);
        assertThat(first.inserted()).isEqualTo(9);
        assertThat(again.inserted()).isZero();
        assertThat(again.unchanged()).isEqualTo(9);
        TerritoryIndicators bar = indicators("communes/55029/indicators?" + JANUARY);
        // 2 libéral GPs for 14,607 inhabitants
        assertThat(bar.supply().gpsPer10000()).isCloseTo(2 * 10_000.0 / BAR_LE_DUC_POPULATION, within(1e-9));
    }

    @Test
    void coverageCountsTheCommunesAroundBothSites() {
        CoverageCalculator.Summary meuse = http.toBlocking().retrieve(
                "/api/territories/departements/55/coverage?radiusKm=10", CoverageCalculator.Summary.class);

        assertThat(meuse.communes()).isEqualTo(499);
        assertThat(meuse.population()).isEqualTo(180_290);
        assertThat(meuse.coveredPopulation()).isGreaterThanOrEqualTo(BAR_LE_DUC_POPULATION + 16_890L)
                .isLessThan(meuse.population());
        assertThat(badRequest("/api/territories/departements/55/coverage?radiusKm=0")).contains("'radiusKm' must be");
    }

    @Test
    void prioritiesProposeSitesAwayFromTheExistingOnes() {
        CoverageController.Priorities priorities = http.toBlocking().retrieve(
                "/api/territories/departements/55/priorities?radiusKm=10&proposals=3",
                CoverageController.Priorities.class);

        assertThat(priorities.proposals()).hasSize(3);
        assertThat(priorities.proposals()).extracting(CoverageCalculator.Proposal::code)
                .doesNotContain("55029", "55545");
        assertThat(priorities.proposals().getFirst().gain()).isGreaterThanOrEqualTo(priorities.proposals().get(1).gain());
        assertThat(priorities.priorities()).isNotEmpty().allSatisfy(p -> assertThat(p.apl()).isLessThan(2.5));
    }

    @Test
    void aSiteCatchmentHidesTheSmallOriginAndItsComplement() {
        CoverageController.Catchment catchment = http.toBlocking().retrieve(
                "/api/territories/sites/" + siteId("B") + "/catchment?" + JANUARY, CoverageController.Catchment.class);

        // 3 patients from Bar-le-Duc (45 km) and 11 from Ceffonds (about 90 km): the 3 is secret, the 11 hidden
        // with it since the 14 sessions of the site are public
        assertThat(catchment.distances()).filteredOn(cell -> cell.suppressed())
                .extracting(cell -> cell.code()).containsExactly("20-50", "50+");
        assertThat(catchment.topCommunes()).isEmpty();
    }

    @Test
    void useIsCorrelatedWithNeedOverEveryInhabitedCommune() {
        CoverageController.Correlation correlation = http.toBlocking().retrieve(
                "/api/territories/departements/52,54,55/correlation?" + JANUARY, CoverageController.Correlation.class);

        assertThat(correlation.correlation().n()).isEqualTo(1_510);
        assertThat(correlation.correlation().rho()).isBetween(-1.0, 1.0);
        CoverageController.Correlation byEpci = http.toBlocking().retrieve(
                "/api/territories/departements/52,54,55/correlation?by=epci&" + JANUARY, CoverageController.Correlation.class);
        assertThat(byEpci.unit()).isEqualTo("epci");
        assertThat(byEpci.correlation().n()).isEqualTo(44);
    }

    @Test
    void anImportOfAMissingFileIsABadRequest() {
        HttpClientResponseException e = assertThrows(
                HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.POST("/api/admin/territory/imports",
                        new ImportRequest(Dataset.APL, "/nowhere/apl.xlsx", null))));

        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        String body = e.getResponse().getBody(String.class).orElseThrow();
        assertThat(body).contains("no readable file at '/nowhere/apl.xlsx'");
    }
}
