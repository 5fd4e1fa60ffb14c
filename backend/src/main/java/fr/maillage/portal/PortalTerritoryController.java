package fr.maillage.portal;

import fr.maillage.security.InScope;
import fr.maillage.security.Roles;
import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The territory page's data and its exports: the comparison table and the table by commune. */
@Controller("/api/portal")
@ExecuteOn(TaskExecutors.BLOCKING)
class PortalTerritoryController {

    static final String CSV = "text/csv;charset=utf-8";
    static final String GEO_JSON = "application/geo+json";
    private static final List<String> COMMUNE_COLUMNS = List.of("code", "name", "departement", "epciSiren",
            "population", "apl", "teleconsultations", "per1000Inhabitants", "gpsPer10000", "share65Plus", "sites",
            "suppressed");

    private final TerritoryComparison comparison;
    private final TerritoryCommunes communes;
    private final PortalQueries queries;
    private final Clock clock = Clock.systemUTC();

    PortalTerritoryController(TerritoryComparison comparison, TerritoryCommunes communes, PortalQueries queries) {
        this.comparison = comparison;
        this.communes = communes;
        this.queries = queries;
    }

    @Get("/territories/{level}/{codes}/comparison")
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    @InScope(level = "level", codes = "codes", aggregated = true)
    TerritoryComparison.Comparison comparison(@PathVariable String level, @PathVariable String codes,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to) throws SQLException {
        return comparison.compare(TerritorySelection.parse(level, codes), Period.parse(from, to, clock));
    }

    @Get(uri = "/territories/{level}/{codes}/comparison.csv", produces = CSV)
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    @InScope(level = "level", codes = "codes", aggregated = true)
    HttpResponse<String> comparisonCsv(@PathVariable String level, @PathVariable String codes,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to) throws SQLException {
        Period period = Period.parse(from, to, clock);
        TerritoryComparison.Comparison table = comparison.compare(TerritorySelection.parse(level, codes), period);
        Csv csv = new Csv().row(List.of("indicator", "label", "unit", "territory", "departement", "network",
                "suppressed", "from", "to"));
        for (TerritoryComparison.Row row : table.rows()) {
            csv.row(List.of(row.key(), row.label(), row.unit(), Csv.number(row.territory()),
                    Csv.number(row.departement()), Csv.number(row.network()), suppressed(row),
                    period.from().toString(), period.to().toString()));
        }
        return download(csv.toString(), CSV, "comparaison-" + level + "-" + codes + ".csv");
    }

    @Get(uri = "/territories/{level}/{codes}/communes.csv", produces = CSV)
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    @InScope(level = "level", codes = "codes", aggregated = true)
    HttpResponse<String> communesCsv(@PathVariable String level, @PathVariable String codes,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to) throws SQLException {
        Period period = Period.parse(from, to, clock);
        var collection = communes.featureCollection(TerritorySelection.parse(level, codes),
                period.from().toString(), period.to().toString());
        Csv csv = new Csv().row(COMMUNE_COLUMNS);
        collection.path("features").forEach(feature -> {
            List<String> cells = new ArrayList<>();
            COMMUNE_COLUMNS.forEach(column -> {
                var value = feature.path("properties").path(column);
                cells.add(value.isNull() || value.isMissingNode() ? ""
                        : value.isNumber() ? Csv.number(value.asDouble()) : value.asText());
            });
            csv.row(cells);
        });
        return download(csv.toString(), CSV, "communes-" + level + "-" + codes + ".csv");
    }

    @Get(uri = "/territories/{level}/{codes}/communes.geojson", produces = GEO_JSON)
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    @InScope(level = "level", codes = "codes", aggregated = true)
    HttpResponse<String> communesGeoJson(@PathVariable String level, @PathVariable String codes,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to) throws SQLException, IOException {
        Period period = Period.parse(from, to, clock);
        String body = communes.geoJson(TerritorySelection.parse(level, codes), period.from().toString(),
                period.to().toString());
        return download(body, GEO_JSON, "communes-" + level + "-" + codes + ".geojson");
    }

    /** Libéral GPs per commune, for the map's layer; empty before an RPPS import. Open data: every role. */
    @Get("/communes/gps")
    @Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    List<PortalQueries.CommuneGps> communeGps() throws SQLException {
        return queries.communeGps();
    }

    /** Share of inhabitants aged 65 and over per commune, for the map's layer; empty before an INSEE import. */
    @Get("/communes/age-structure")
    @Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    List<PortalQueries.CommuneAges> communeAges() throws SQLException {
        return queries.communeAges();
    }

    private static String suppressed(TerritoryComparison.Row row) {
        List<String> hidden = new ArrayList<>();
        if (row.territory().suppressed()) {
            hidden.add("territory");
        }
        if (row.departement() != null && row.departement().suppressed()) {
            hidden.add("departement");
        }
        if (row.network().suppressed()) {
            hidden.add("network");
        }
        return String.join(" ", hidden);
    }

    static HttpResponse<String> download(String body, String type, String fileName) {
        return HttpResponse.ok(body)
                .contentType(MediaType.of(type))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
    }
}
