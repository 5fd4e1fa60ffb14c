package fr.maillage.territory.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.maillage.security.InScope;
import fr.maillage.security.Roles;
import fr.maillage.territory.BadTerritoryRequest;
import fr.maillage.territory.TerritoryConfiguration;
import fr.maillage.territory.indicator.Disclosure;
import fr.maillage.territory.indicator.Disclosure.Cell;
import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Coverage, unmet need, proposals for new sites, use-vs-need correlation and site catchments. */
@Controller("/api/territories")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CoverageController {

    static final int MAX_PROPOSALS = 20;
    static final int TOP_COMMUNES = 10;
    private static final double[] DISTANCE_BANDS_KM = {5, 10, 20, 50};

    private final CoverageQueries queries;
    private final TerritoryConfiguration configuration;
    private final Clock clock = Clock.systemUTC();

    CoverageController(CoverageQueries queries, TerritoryConfiguration configuration) {
        this.queries = queries;
        this.configuration = configuration;
    }

    /**
     * @param summary population covered
     * @param priorities fragile communes with no site within the radius, largest need first
     * @param epci the same by EPCI
     * @param proposals new site locations chosen greedily among the territory's communes
     * @param need how the need was weighed
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Priorities(CoverageCalculator.Summary summary, List<CoverageCalculator.Priority> priorities,
            List<CoverageCalculator.EpciPriority> epci, List<CoverageCalculator.Proposal> proposals, Need need) {}

    /**
     * @param formula the need of a commune, in words
     * @param elderlyWeight what an inhabitant aged 65 and over counted for
     * @param ageStructureYear latest census year of the INSEE age structure used, null when none is imported
     * @param communesWithoutAgeStructure communes of the territory weighed by population alone
     * @param note whether older population was weighed, and where not
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Need(String formula, double elderlyWeight, @Nullable Integer ageStructureYear,
            int communesWithoutAgeStructure, String note) {}

    /**
     * @param correlation Spearman's rho between teleconsultations per 1,000 residents and APL, with its n
     * @param unit what the pairs are: communes (inhabited, with an APL) or EPCI
     * @param period the period
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Correlation(RankCorrelation.Result correlation, String unit, Period period) {}

    /**
     * @param siteId the site
     * @param period the period
     * @param distances sessions by distance band from the residence commune's centroid (km), suppressed below 11
     * @param topCommunes communes sending the most sessions, secret counts left out
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Catchment(String siteId, Period period, List<Cell> distances, List<Cell> topCommunes) {}

    @Get("/{level}/{codes}/coverage")
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    @InScope(level = "level", codes = "codes", aggregated = true)
    public CoverageCalculator.Summary coverage(@PathVariable String level, @PathVariable String codes,
            @Nullable @QueryValue Double radiusKm) throws SQLException {
        return CoverageCalculator.summary(
                queries.places(TerritorySelection.parse(level, codes)), queries.sites(), radius(radiusKm));
    }

    @Get("/{level}/{codes}/priorities")
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    @InScope(level = "level", codes = "codes", aggregated = true)
    public Priorities priorities(@PathVariable String level, @PathVariable String codes,
            @Nullable @QueryValue Double radiusKm, @Nullable @QueryValue Integer proposals) throws SQLException {
        double radius = radius(radiusKm);
        int count = proposals == null ? 5 : proposals;
        if (count < 0 || count > MAX_PROPOSALS) {
            throw new BadTerritoryRequest("'proposals' must be between 0 and " + MAX_PROPOSALS + ", got " + count);
        }
        List<Place> places = queries.places(TerritorySelection.parse(level, codes));
        List<SitePosition> sites = queries.sites();
        double weight = configuration.elderlyNeedWeight();
        List<CoverageCalculator.Priority> ranked = CoverageCalculator.priorities(places, sites, radius, weight);
        return new Priorities(CoverageCalculator.summary(places, sites, radius), ranked,
                CoverageCalculator.epciPriorities(places, ranked),
                CoverageCalculator.propose(places, places, sites, radius, count, weight),
                need(places, weight, queries.ageStructureYear()));
    }

    /**
     * Whether use follows need: with {@code by=epci} the pairs are EPCI, their rate over the population of their
     * communes in the territory and their APL weighted by standardised population.
     */
    @Get("/{level}/{codes}/correlation")
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    @InScope(level = "level", codes = "codes", aggregated = true)
    public Correlation correlation(@PathVariable String level, @PathVariable String codes,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to, @Nullable @QueryValue String by)
            throws SQLException {
        Period period = Period.parse(from, to, clock);
        String unit = by == null ? "communes" : by;
        if (!unit.equals("communes") && !unit.equals("epci")) {
            throw new BadTerritoryRequest("'by' must be communes or epci, got '" + by + "'");
        }
        List<Place> places = queries.places(TerritorySelection.parse(level, codes)).stream()
                .filter(place -> place.apl() != null && place.standardisedPopulation() != null && place.population() > 0)
                .toList();
        Map<String, Long> sessions = queries.sessionsByResidence(period);
        Map<String, List<Place>> groups = places.stream().collect(Collectors.groupingBy(
                place -> unit.equals("epci") ? String.valueOf(place.epciSiren()) : place.code(), TreeMap::new,
                Collectors.toList()));
        double[] rates = new double[groups.size()];
        double[] apl = new double[groups.size()];
        int i = 0;
        for (List<Place> group : groups.values()) {
            long population = group.stream().mapToLong(Place::population).sum();
            long count = group.stream().mapToLong(place -> sessions.getOrDefault(place.code(), 0L)).sum();
            double weight = group.stream().mapToDouble(Place::standardisedPopulation).sum();
            rates[i] = count * 1_000.0 / population;
            apl[i] = weight > 0
                    ? group.stream().mapToDouble(place -> place.apl() * place.standardisedPopulation()).sum() / weight
                    : group.stream().mapToDouble(Place::apl).average().orElseThrow();
            i++;
        }
        return new Correlation(RankCorrelation.spearman(rates, apl), unit, period);
    }

    /** Suppressed counts by distance and commune: for evaluators too, and for a site's own operator. */
    @Get("/sites/{siteId}/catchment")
    @Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    @InScope(site = "siteId", aggregated = true)
    public Catchment catchment(@PathVariable String siteId, @Nullable @QueryValue String from,
            @Nullable @QueryValue String to) throws SQLException {
        Period period = Period.parse(from, to, clock);
        SitePosition site = queries.sites().stream()
                .filter(s -> s.siteId().equals(siteId))
                .findFirst()
                .orElseThrow(() -> new BadTerritoryRequest("no site '" + siteId + "' with a known position"));
        List<CoverageQueries.Origin> origins = queries.origins(siteId, period);
        long total = origins.stream().mapToLong(CoverageQueries.Origin::sessions).sum();
        Map<String, Long> bands = new LinkedHashMap<>();
        for (String band : bandNames()) {
            bands.put(band, 0L);
        }
        Map<String, Long> byCommune = new LinkedHashMap<>();
        for (CoverageQueries.Origin origin : origins) {
            String band = origin.lat() == null ? "UNKNOWN"
                    : band(GreatCircle.km(site.lat(), site.lon(), origin.lat(), origin.lon()));
            bands.merge(band, origin.sessions(), Long::sum);
            byCommune.merge(origin.code(), origin.sessions(), Long::sum);
        }
        List<Cell> top = Disclosure.distribution(byCommune, total).stream()
                .filter(cell -> !cell.suppressed() && cell.count() > 0)
                .sorted(Comparator.comparing(Cell::count).reversed().thenComparing(Cell::code))
                .limit(TOP_COMMUNES)
                .toList();
        return new Catchment(siteId, period, Disclosure.distribution(bands, total), top);
    }

    private static List<String> bandNames() {
        List<String> names = new ArrayList<>();
        double lower = 0;
        for (double upper : DISTANCE_BANDS_KM) {
            names.add(String.format("%02.0f-%02.0f", lower, upper));
            lower = upper;
        }
        names.add(String.format("%02.0f+", lower));
        names.add("UNKNOWN");
        return names;
    }

    private static String band(double km) {
        double lower = 0;
        for (double upper : DISTANCE_BANDS_KM) {
            if (km < upper) {
                return String.format("%02.0f-%02.0f", lower, upper);
            }
            lower = upper;
        }
        return String.format("%02.0f+", lower);
    }

    static Need need(List<Place> places, double weight, @Nullable Integer ageYear) {
        int without = (int) places.stream().filter(place -> place.share65Plus() == null).count();
        String formula = "need = (population + (w - 1) × population aged 65+) × (2.5 - APL) / 2.5 when APL < 2.5,"
                + " else 0; population aged 65+ = population municipale × INSEE's share of 65+; w = " + weight;
        String note;
        if (without == places.size()) {
            note = "No INSEE age structure imported: need = population × (2.5 - APL) / 2.5, older population not"
                    + " weighed (import AGE_STRUCTURE to weigh it).";
        } else if (without > 0) {
            note = without + " of " + places.size() + " communes have no age structure and are weighed by"
                    + " population alone (as if w = 1).";
        } else {
            note = "Every commune weighed with its share aged 65+ (INSEE age structure " + ageYear + ").";
        }
        return new Need(formula, weight, ageYear, without, note);
    }

    private double radius(@Nullable Double radiusKm) {
        double radius = radiusKm == null ? configuration.coverageRadiusKm() : radiusKm;
        if (!(radius > 0 && radius <= 200)) {
            throw new BadTerritoryRequest("'radiusKm' must be above 0 and at most 200, got " + radius);
        }
        return radius;
    }
}
