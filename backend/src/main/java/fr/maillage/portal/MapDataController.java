package fr.maillage.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.maillage.security.Roles;
import fr.maillage.territory.indicator.Period;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The map's data in two parts: the polygons, which change only with an import (kept in memory, revalidated by
 * ETag), and the figures of the period, small and computed at each request.
 */
@Controller("/api/portal/map")
@ExecuteOn(TaskExecutors.BLOCKING)
class MapDataController {

    /** The browser keeps the polygons and asks each time whether they changed; a 304 costs a version query. */
    private static final String REVALIDATE = "private, no-cache";
    private static final List<String> STATIC_PROPERTIES = List.of("name", "departement", "epciSiren", "population");

    private final CommuneGeometries geometries;
    private final TerritoryCommunes communes;
    private final PortalQueries queries;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();

    MapDataController(CommuneGeometries geometries, TerritoryCommunes communes, PortalQueries queries) {
        this.geometries = geometries;
        this.communes = communes;
        this.queries = queries;
    }

    /** Every commune's polygon with its name, département, EPCI and population. */
    @Get(uri = "/communes.geojson", produces = PortalTerritoryController.GEO_JSON)
    @Secured({Roles.SITE_OPERATOR, Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    HttpResponse<String> communes(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws SQLException {
        CommuneGeometries.Snapshot snapshot = geometries.current();
        if (snapshot.etag().equals(ifNoneMatch)) {
            return HttpResponse.<String>notModified().header(HttpHeaders.ETAG, snapshot.etag())
                    .header(HttpHeaders.CACHE_CONTROL, REVALIDATE);
        }
        return HttpResponse.ok(snapshot.geoJson()).contentType(MediaType.of(PortalTerritoryController.GEO_JSON))
                .header(HttpHeaders.ETAG, snapshot.etag()).header(HttpHeaders.CACHE_CONTROL, REVALIDATE);
    }

    /**
     * Each commune's figures over the period (the territory feature's map figures, suppression applied, with GPs
     * per 10,000 and the share aged 65+), and the census year of the age figures (null when not imported).
     */
    @Get(uri = "/figures", produces = MediaType.APPLICATION_JSON)
    // suppressed aggregates of every commune, as the territory feature's map (/api/territories/communes.geojson)
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    String figures(@Nullable @QueryValue String from, @Nullable @QueryValue String to)
            throws SQLException, IOException {
        Period period = Period.parse(from, to, clock);
        List<ObjectNode> figures = communes.figures((String) null, period.from().toString(), period.to().toString());
        // what does not depend on the period is in the polygons' file already
        figures.forEach(commune -> commune.remove(STATIC_PROPERTIES));
        ObjectNode answer = mapper.createObjectNode();
        var ageYear = queries.communeAges().stream().mapToInt(PortalQueries.CommuneAges::year).max();
        if (ageYear.isPresent()) {
            answer.put("ageYear", ageYear.getAsInt());
        } else {
            answer.putNull("ageYear");
        }
        answer.putArray("communes").addAll(figures);
        return mapper.writeValueAsString(answer);
    }
}
