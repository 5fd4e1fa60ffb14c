package fr.maillage.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import fr.maillage.security.SiteScopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The map's list of sites as CSV and GeoJSON, with the filters the map applies (territory, kind), limited to the
 * sites the user may follow.
 */
@Controller("/api/portal")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.ADMIN})
class SiteListController {

    private static final List<String> COLUMNS = List.of("id", "name", "kind", "inseeCode", "commune", "departement",
            "epciSiren", "latitude", "longitude", "state");
    /** The map's name for a site that no birth has described yet. */
    private static final String UNKNOWN_KIND = "UNKNOWN";

    private final PortalQueries queries;
    private final SiteScopes scopes;
    private final ObjectMapper mapper = new ObjectMapper();

    SiteListController(PortalQueries queries, SiteScopes scopes) {
        this.queries = queries;
        this.scopes = scopes;
    }

    /**
     * @param departement, epci, commune the map's territory filter (at most the narrowest is needed)
     * @param kinds site kinds shown, comma-separated ({@code UNKNOWN} for sites without a kind); all by default
     */
    @Get(uri = "/sites.csv", produces = PortalTerritoryController.CSV)
    HttpResponse<String> csv(@Nullable @QueryValue String departement, @Nullable @QueryValue String epci,
            @Nullable @QueryValue String commune, @Nullable @QueryValue String kinds, Authentication user)
            throws SQLException {
        Csv csv = new Csv().row(COLUMNS);
        for (PortalQueries.SiteRow site : shown(user, departement, epci, commune, kinds)) {
            csv.row(Arrays.asList(site.id(), site.name(), site.kind(), site.inseeCode(), site.communeName(),
                    site.departement(), site.epciSiren(), coordinate(site.latitude()), coordinate(site.longitude()),
                    site.state()));
        }
        return PortalTerritoryController.download(csv.toString(), PortalTerritoryController.CSV, "sites.csv");
    }

    /** Sites with a position as GeoJSON points; the properties are the CSV's columns. */
    @Get(uri = "/sites.geojson", produces = PortalTerritoryController.GEO_JSON)
    HttpResponse<String> geoJson(@Nullable @QueryValue String departement, @Nullable @QueryValue String epci,
            @Nullable @QueryValue String commune, @Nullable @QueryValue String kinds, Authentication user)
            throws SQLException, IOException {
        ObjectNode collection = mapper.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (PortalQueries.SiteRow site : shown(user, departement, epci, commune, kinds)) {
            if (site.latitude() == null || site.longitude() == null) {
                continue;
            }
            ObjectNode feature = features.addObject().put("type", "Feature").put("id", site.id());
            ObjectNode geometry = feature.putObject("geometry").put("type", "Point");
            geometry.putArray("coordinates").add(site.longitude()).add(site.latitude());
            feature.putObject("properties").put("id", site.id()).put("name", site.name()).put("kind", site.kind())
                    .put("inseeCode", site.inseeCode()).put("commune", site.communeName())
                    .put("departement", site.departement()).put("epciSiren", site.epciSiren())
                    .put("state", site.state());
        }
        return PortalTerritoryController.download(mapper.writeValueAsString(collection),
                PortalTerritoryController.GEO_JSON, "sites.geojson");
    }

    /**
     * The sites the map's list shows: of the user's scope, of a kind ticked, and in the territory chosen — a site
     * whose commune is not known yet stays listed, as on the map, so that no site disappears unnoticed.
     */
    private List<PortalQueries.SiteRow> shown(Authentication user, @Nullable String departement,
            @Nullable String epci, @Nullable String commune, @Nullable String kinds) throws SQLException {
        List<Object> values = new ArrayList<>();
        String condition = scopes.condition(Scope.of(user), "st.id", values);
        Set<String> wantedKinds = kinds == null ? null
                : Arrays.stream(kinds.split(",")).map(String::trim).filter(k -> !k.isEmpty())
                        .collect(Collectors.toSet());
        return queries.siteRows(condition, values).stream()
                .filter(site -> wantedKinds == null
                        || wantedKinds.contains(site.kind() == null ? UNKNOWN_KIND : site.kind()))
                .filter(site -> site.departement() == null
                        || (blank(departement) || departement.equals(site.departement()))
                                && (blank(epci) || epci.equals(site.epciSiren()))
                                && (blank(commune) || commune.equals(site.inseeCode())))
                .toList();
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static String coordinate(@Nullable Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.5f", value);
    }
}
