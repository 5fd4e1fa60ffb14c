package fr.maillage.territory.indicator;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.maillage.security.InScope;
import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import fr.maillage.security.SiteScopes;
import fr.maillage.territory.BadTerritoryRequest;
import fr.maillage.territory.indicator.Disclosure.Cell;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Territories and their indicators. Every route lives under {@code /api/territories} so that the security issue
 * can grant it to evaluators as one prefix; every count of patients is already suppressed here.
 */
@Controller("/api/territories")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TerritoryController {

    static final String GEO_JSON = "application/geo+json";
    static final String CSV = "text/csv; charset=utf-8";

    private final IndicatorService indicators;
    private final TerritoryDirectory directory;
    private final JsonMapper json;
    private final SiteScopes scopes;
    private final Clock clock = Clock.systemUTC();

    TerritoryController(IndicatorService indicators, TerritoryDirectory directory, JsonMapper json,
            SiteScopes scopes) {
        this.indicators = indicators;
        this.directory = directory;
        this.json = json;
        this.scopes = scopes;
    }

    /** The communes, EPCI or départements imported, optionally within some départements: reference data. */
    @Get("/{level}")
    @Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    public List<TerritoryDirectory.Entry> list(@PathVariable String level, @Nullable @QueryValue String departements)
            throws SQLException {
        return directory.list(TerritoryLevel.ofPath(level), departements(departements));
    }

    /** Indicators of one territory, or of several of one level taken together ({@code departements/52,54,55}). */
    @Get("/{level}/{codes}/indicators")
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    @InScope(level = "level", codes = "codes", aggregated = true)
    public TerritoryIndicators indicators(@PathVariable String level, @PathVariable String codes,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to) throws SQLException {
        return indicators.indicators(TerritorySelection.parse(level, codes), Period.parse(from, to, clock));
    }

    /**
     * Properties of a commune on the map.
     *
     * @param code INSEE code
     * @param name name
     * @param departement département
     * @param epciSiren EPCI
     * @param population population municipale
     * @param apl APL of the latest millésime not after the period
     * @param teleconsultations sessions of residents in the period, null when suppressed
     * @param per1000Inhabitants the same per 1,000 inhabitants, null when suppressed
     * @param suppressed whether the two figures above are hidden
     * @param sites sites located in the commune
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CommuneProperties(String code, String name, String departement, @Nullable String epciSiren,
            long population, @Nullable Double apl, @Nullable Long teleconsultations,
            @Nullable Double per1000Inhabitants, boolean suppressed, long sites) {}

    /** A commune's published figures and its GeoJSON geometry (null when no polygon was imported). */
    private record MapFeature(CommuneProperties properties, @Nullable String geometry) {}

    /** The communes as a GeoJSON FeatureCollection (WGS84) with their figures as properties. */
    @Get("/communes.geojson")
    @Produces(GEO_JSON)
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    public String communesGeoJson(@Nullable @QueryValue String departements, @Nullable @QueryValue String from,
            @Nullable @QueryValue String to, Authentication user) throws SQLException, IOException {
        return geoJson(communes(departements, from, to, visibleTo(user), true));
    }


    private String geoJson(List<MapFeature> communes) throws IOException {
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        String separator = "";
        for (MapFeature commune : communes) {
            out.append(separator)
                    .append("{\"type\":\"Feature\",\"id\":\"").append(commune.properties().code())
                    .append("\",\"geometry\":").append(commune.geometry() == null ? "null" : commune.geometry())
                    .append(",\"properties\":").append(json.writeValueAsString(commune.properties())).append('}');
            separator = ",";
        }
        return out.append("]}").toString();
    }

    /** The same figures as the map, one commune per line, for spreadsheets; a suppressed figure is left empty. */
    @Get("/communes.csv")
    @Produces(CSV)
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    public String communesCsv(@Nullable @QueryValue String departements, @Nullable @QueryValue String from,
            @Nullable @QueryValue String to, Authentication user) throws SQLException {
        StringBuilder out = new StringBuilder(
                "code,name,departement,epci_siren,population,apl,teleconsultations,per_1000_inhabitants,suppressed,sites\n");
        for (CommuneProperties c : communes(departements, from, to, visibleTo(user), false).stream()
                .map(MapFeature::properties).toList()) {
            out.append(c.code()).append(',').append(csvText(c.name())).append(',').append(c.departement()).append(',')
                    .append(c.epciSiren() == null ? "" : c.epciSiren()).append(',').append(c.population()).append(',')
                    .append(c.apl() == null ? "" : c.apl()).append(',')
                    .append(c.teleconsultations() == null ? "" : c.teleconsultations()).append(',')
                    .append(c.per1000Inhabitants() == null ? "" : c.per1000Inhabitants()).append(',')
                    .append(c.suppressed()).append(',').append(c.sites()).append('\n');
        }
        return out.toString();
    }

    /**
     * The map's figures of every commune of the départements (all when null), suppression applied, without the
     * polygons: for callers that keep the polygons themselves (the portal caches them).
     */
    public List<CommuneProperties> communeFigures(@Nullable String departements, @Nullable String from,
            @Nullable String to) throws SQLException {
        return communes(departements, from, to, code -> true, false).stream().map(MapFeature::properties).toList();
    }

    /**
     * Each commune's published figures with its geometry. Within each département, when a single commune's count is
     * hidden another is hidden too, so the département total cannot give it back. A coordinator gets the communes
     * of its territory only; evaluators see every commune, their counts being suppressed.
     */
    private List<MapFeature> communes(@Nullable String departements, @Nullable String from,
            @Nullable String to, Predicate<String> visible, boolean withGeometry) throws SQLException {
        Period period = Period.parse(from, to, clock);
        List<TerritoryDirectory.MapCommune> communes =
                directory.map(departements(departements), period, withGeometry);
        Map<String, Cell> cells = new HashMap<>();
        communes.stream()
                .collect(Collectors.groupingBy(TerritoryDirectory.MapCommune::departement))
                .forEach((departement, inDepartement) -> {
                    Map<String, Long> counts = inDepartement.stream().collect(Collectors.toMap(
                            TerritoryDirectory.MapCommune::code, TerritoryDirectory.MapCommune::teleconsultations));
                    long total = counts.values().stream().mapToLong(Long::longValue).sum();
                    // the département total is public (indicators API) unless it is itself secret
                    Disclosure.distribution(counts, Disclosure.isSecret(total) ? 0 : total)
                            .forEach(cell -> cells.put(cell.code(), cell));
                });
        List<MapFeature> result = new ArrayList<>();
        for (TerritoryDirectory.MapCommune commune : communes) {
            if (!visible.test(commune.code())) {
                continue;
            }
            Cell cell = cells.get(commune.code());
            result.add(new MapFeature(new CommuneProperties(commune.code(), commune.name(), commune.departement(),
                    commune.epciSiren(), commune.population(), commune.apl(), cell.count(),
                    cell.suppressed() || commune.population() == 0 ? null
                            : commune.teleconsultations() * 1_000.0 / commune.population(),
                    cell.suppressed(), commune.sites()), commune.geometry()));
        }
        return result;
    }

    private Predicate<String> visibleTo(Authentication user) {
        return user.getRoles().contains(Roles.EVALUATOR) ? code -> true : scopes.visibleCommunes(Scope.of(user));
    }

    private static String csvText(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static List<String> departements(@Nullable String departements) {
        if (departements == null || departements.isBlank()) {
            return List.of();
        }
        List<String> codes = Arrays.stream(departements.split(",")).map(String::trim).toList();
        for (String code : codes) {
            if (!TerritoryLevel.DEPARTEMENTS.accepts(code)) {
                throw new BadTerritoryRequest("'" + code + "' is not a département code (e.g. 52, 2A, 971)");
            }
        }
        return codes;
    }
}
