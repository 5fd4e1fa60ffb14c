package fr.maillage.ogc;

import fr.maillage.ogc.OgcDocuments.Collection;
import fr.maillage.ogc.OgcDocuments.Link;
import fr.maillage.security.Roles;
import fr.maillage.territory.indicator.Period;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * OGC API – Features Part 1 Core with the GeoJSON encoding. The layers are aggregates with the secret statistique
 * applied, the same for every role allowed here; {@code datetime} chooses the period their figures describe.
 */
@Controller("/ogc")
@Secured({Roles.EVALUATOR, Roles.COORDINATOR, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
public class OgcController {

    static final String GEO_JSON = "application/geo+json";
    static final String OPEN_API = "application/vnd.oai.openapi+json;version=3.0";
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private final Map<String, FeatureLayer> layers;
    private final OgcConfiguration config;
    private final HttpHostResolver hosts;
    private final JsonMapper json;
    private final ResourceResolver resources;
    private final Clock clock = Clock.systemUTC();

    OgcController(List<FeatureLayer> layers, OgcConfiguration config, HttpHostResolver hosts, JsonMapper json,
            ResourceResolver resources) {
        this.layers = layers.stream().collect(Collectors.toMap(FeatureLayer::id, l -> l, (a, b) -> a,
                LinkedHashMap::new));
        this.config = config;
        this.hosts = hosts;
        this.json = json;
        this.resources = resources;
    }

    @Get
    @Produces(MediaType.APPLICATION_JSON)
    OgcDocuments.LandingPage landing(HttpRequest<?> request) {
        String base = base(request);
        return new OgcDocuments.LandingPage("Maillage — téléconsultation assistée",
                "Sites of assisted teleconsultation, and communes and EPCI with their telemedicine and care-supply"
                        + " indicators (counts of patients from 1 to 10 suppressed).",
                List.of(new Link(base, "self", MediaType.APPLICATION_JSON, "this document"),
                        new Link(base + "/api", "service-desc", OPEN_API, "the API definition"),
                        new Link(base + "/conformance", "conformance", MediaType.APPLICATION_JSON,
                                "conformance classes implemented"),
                        new Link(base + "/collections", "data", MediaType.APPLICATION_JSON, "the collections")));
    }

    @Get("/api")
    @Produces(OPEN_API)
    String api() {
        try (InputStream in = resources.getResourceAsStream("classpath:ogc/openapi.json").orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/conformance")
    @Produces(MediaType.APPLICATION_JSON)
    OgcDocuments.Conformance conformance() {
        return new OgcDocuments.Conformance(CONFORMANCE);
    }

    @Get("/collections")
    @Produces(MediaType.APPLICATION_JSON)
    OgcDocuments.Collections collections(HttpRequest<?> request) {
        String base = base(request);
        return new OgcDocuments.Collections(
                List.of(new Link(base + "/collections", "self", MediaType.APPLICATION_JSON, "the collections")),
                layers.values().stream().map(layer -> collection(base, layer)).toList());
    }

    @Get("/collections/{collectionId}")
    @Produces(MediaType.APPLICATION_JSON)
    Collection collection(HttpRequest<?> request, @PathVariable String collectionId) {
        return collection(base(request), layer(collectionId));
    }

    @Get("/collections/{collectionId}/items")
    @Produces({GEO_JSON, MediaType.APPLICATION_JSON})
    HttpResponse<String> items(HttpRequest<?> request, @PathVariable String collectionId,
            @Nullable @QueryValue String limit, @Nullable @QueryValue String offset,
            @Nullable @QueryValue String bbox, @Nullable @QueryValue String datetime) throws IOException {
        FeatureLayer layer = layer(collectionId);
        ItemQuery query = ItemQuery.parse(limit, offset, bbox, datetime, config);
        FeaturePage page = layer.items(query, query.period(layer.defaultDays(), clock));
        String items = base(request) + "/collections/" + layer.id() + "/items";
        List<Link> links = new ArrayList<>();
        links.add(new Link(items + queryString(query, datetime, query.offset()), "self", GEO_JSON, "this page"));
        if (query.offset() + page.features().size() < page.matched()) {
            links.add(new Link(items + queryString(query, datetime, query.offset() + query.limit()), "next",
                    GEO_JSON, "next page"));
        }
        if (query.offset() > 0) {
            links.add(new Link(items + queryString(query, datetime, Math.max(0, query.offset() - query.limit())),
                    "prev", GEO_JSON, "previous page"));
        }
        links.add(new Link(base(request) + "/collections/" + layer.id(), "collection", MediaType.APPLICATION_JSON,
                layer.title()));
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"timeStamp\":\"")
                .append(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS)).append("\",\"numberMatched\":")
                .append(page.matched()).append(",\"numberReturned\":").append(page.features().size())
                .append(",\"links\":").append(json.writeValueAsString(links)).append(",\"features\":[");
        String separator = "";
        for (Feature feature : page.features()) {
            out.append(separator);
            GeoJsonText.feature(out, feature, json, null);
            separator = ",";
        }
        out.append("]}");
        return HttpResponse.ok(out.toString()).contentType(GEO_JSON);
    }

    @Get("/collections/{collectionId}/items/{featureId}")
    @Produces({GEO_JSON, MediaType.APPLICATION_JSON})
    HttpResponse<String> item(HttpRequest<?> request, @PathVariable String collectionId,
            @PathVariable String featureId, @Nullable @QueryValue String datetime) throws IOException {
        FeatureLayer layer = layer(collectionId);
        ItemQuery query = ItemQuery.parse(null, null, null, datetime, config);
        Period period = query.period(layer.defaultDays(), clock);
        Feature feature = layer.item(featureId, period).orElseThrow(() -> OgcException.notFound(
                "collection '" + layer.id() + "' has no feature '" + featureId + "'"));
        String collection = base(request) + "/collections/" + layer.id();
        List<Link> links = List.of(
                new Link(collection + "/items/" + encode(featureId), "self", GEO_JSON, "this feature"),
                new Link(collection, "collection", MediaType.APPLICATION_JSON, layer.title()));
        StringBuilder out = new StringBuilder();
        GeoJsonText.feature(out, feature, json, json.writeValueAsString(links));
        return HttpResponse.ok(out.toString()).contentType(GEO_JSON);
    }

    private Collection collection(String base, FeatureLayer layer) {
        String self = base + "/collections/" + layer.id();
        OgcDocuments.Extent extent = layer.extent()
                .map(e -> new OgcDocuments.Extent(new OgcDocuments.Spatial(
                        List.of(List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())), CRS84)))
                .orElse(null);
        return new Collection(layer.id(), layer.title(), layer.description(), extent, "feature", List.of(CRS84),
                List.of(new Link(self, "self", MediaType.APPLICATION_JSON, layer.title()),
                        new Link(self + "/items", "items", GEO_JSON, layer.title() + " as GeoJSON")));
    }

    private FeatureLayer layer(String id) {
        return Optional.ofNullable(layers.get(id)).orElseThrow(() -> OgcException.notFound(
                "no collection '" + id + "': the collections are " + String.join(", ", layers.keySet())));
    }

    private String base(HttpRequest<?> request) {
        return hosts.resolve(request) + "/ogc";
    }

    /** The page's query string: the request's filters kept, so that following the links pages the same set. */
    private static String queryString(ItemQuery query, @Nullable String datetime, int offset) {
        StringBuilder q = new StringBuilder("?limit=").append(query.limit()).append("&offset=").append(offset);
        if (query.bbox() != null) {
            q.append("&bbox=").append(encode(query.bbox().toString()));
        }
        if (datetime != null && !datetime.isBlank()) {
            q.append("&datetime=").append(encode(datetime));
        }
        return q.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
