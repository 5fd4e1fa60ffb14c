package fr.maillage.study;

import fr.maillage.security.InScope;
import fr.maillage.security.Roles;
import fr.maillage.territory.BadTerritoryRequest;
import fr.maillage.territory.TerritoryConfiguration;
import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;

/** The study's headline figures for a territory and period. Aggregates only, suppressed: evaluators may read it. */
@Controller("/api/study")
@Secured({Roles.EVALUATOR, Roles.COORDINATOR, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class StudyController {

    private final StudyReports reports;
    private final StudyDatasets datasets;
    private final BeforeAfterStudy beforeAfter;
    private final TerritoryConfiguration territory;
    private final Clock clock = Clock.systemUTC();

    StudyController(StudyReports reports, StudyDatasets datasets, BeforeAfterStudy beforeAfter,
            TerritoryConfiguration territory) {
        this.reports = reports;
        this.datasets = datasets;
        this.beforeAfter = beforeAfter;
        this.territory = territory;
    }

    /**
     * The site's catchment twelve months before and after its opening, next to comparable communes without a site
     * (aggregates, suppressed: evaluators may read it; a coordinator for the sites of its territory).
     *
     * @param radiusKm catchment radius (default: the territory feature's coverage radius)
     */
    @Get("/sites/{siteId}/before-after")
    @InScope(site = "siteId", aggregated = true)
    BeforeAfter beforeAfter(@PathVariable String siteId, @Nullable @QueryValue Double radiusKm) throws SQLException {
        double radius = radiusKm == null ? territory.coverageRadiusKm() : radiusKm;
        if (!(radius > 0 && radius <= 200)) {
            throw new BadTerritoryRequest("'radiusKm' must be above 0 and at most 200, got " + radius);
        }
        return beforeAfter.compare(siteId, radius, clock.instant());
    }

    /**
     * The pseudonymised, generalised study dataset of the period (default: the last twelve months), for
     * evaluators only; header {@code X-Withheld-Rows} counts the sessions left out.
     */
    @Get("/dataset.csv")
    @Secured(Roles.EVALUATOR)
    @Produces("text/csv; charset=utf-8")
    HttpResponse<String> dataset(@Nullable @QueryValue String from, @Nullable @QueryValue String to)
            throws SQLException, IOException {
        StudyDatasets.Extract extract = datasets.extract(Period.parse(from, to, clock));
        return HttpResponse.ok(extract.csv()).header("X-Withheld-Rows", Integer.toString(extract.withheld()));
    }

    @Get("/dataset/codebook.md")
    @Secured(Roles.EVALUATOR)
    @Produces("text/markdown; charset=utf-8")
    String codebook() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/study/dataset-codebook.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * @param level communes, epci or departements
     * @param codes one code or several taken together
     * @param by {@code site} (default: sessions at the territory's sites) or {@code residence}
     */
    @Get("/{level}/{codes}/report")
    @InScope(level = "level", codes = "codes", aggregated = true)
    StudyReport report(@PathVariable String level, @PathVariable String codes, @Nullable @QueryValue String from,
            @Nullable @QueryValue String to, @Nullable @QueryValue String by) throws SQLException {
        StudyReports.Placement placement;
        try {
            placement = by == null ? StudyReports.Placement.SITE
                    : StudyReports.Placement.valueOf(by.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadTerritoryRequest("'by' must be site or residence, got '" + by + "'");
        }
        return reports.report(TerritorySelection.parse(level, codes), placement, Period.parse(from, to, clock));
    }
}
