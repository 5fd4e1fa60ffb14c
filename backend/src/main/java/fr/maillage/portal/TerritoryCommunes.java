package fr.maillage.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.maillage.territory.indicator.TerritoryController;
import fr.maillage.territory.indicator.TerritorySelection;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The communes with their figures, taken from the territory feature's map figures so that the map and the
 * exports show exactly the same numbers, suppression included, with the GPs per 10,000 inhabitants and the
 * share of inhabitants aged 65 and over added; polygons come from {@link CommuneGeometries}.
 */
@Singleton
class TerritoryCommunes {

    private final TerritoryController territories;
    private final PortalQueries queries;
    private final CommuneGeometries geometries;
    private final ObjectMapper mapper = new ObjectMapper();

    TerritoryCommunes(TerritoryController territories, PortalQueries queries, CommuneGeometries geometries) {
        this.territories = territories;
        this.queries = queries;
        this.geometries = geometries;
    }

    /**
     * The figures of every commune of the départements (all with none), as GeoJSON properties.
     *
     * @param departements comma-separated codes, or null
     */
    List<ObjectNode> figures(String departements, String from, String to) throws SQLException {
        Map<String, PortalQueries.CommuneGps> gps = queries.communeGps().stream()
                .collect(Collectors.toMap(PortalQueries.CommuneGps::code, Function.identity()));
        Map<String, PortalQueries.CommuneAges> ages = queries.communeAges().stream()
                .collect(Collectors.toMap(PortalQueries.CommuneAges::code, Function.identity()));
        List<ObjectNode> figures = new ArrayList<>();
        for (TerritoryController.CommuneProperties commune : territories.communeFigures(departements, from, to)) {
            ObjectNode properties = mapper.valueToTree(commune);
            PortalQueries.CommuneGps supply = gps.get(commune.code());
            properties.put("gpsPer10000", supply == null ? null : supply.per10000());
            PortalQueries.CommuneAges age = ages.get(commune.code());
            properties.put("share65Plus", age == null ? null : age.share65Plus());
            figures.add(properties);
        }
        return figures;
    }

    /** The territory's communes, by INSEE code; the suppression of a département is the one its map has. */
    List<ObjectNode> figures(TerritorySelection selection, String from, String to) throws SQLException {
        String property = switch (selection.level()) {
            case COMMUNES -> "code";
            case EPCI -> "epciSiren";
            case DEPARTEMENTS -> "departement";
        };
        return figures(String.join(",", queries.departementsOf(selection)), from, to).stream()
                .filter(p -> selection.codes().contains(p.path(property).asText()))
                .toList();
    }

    /** A FeatureCollection of the territory's communes without polygons: their figures only. */
    ObjectNode featureCollection(TerritorySelection selection, String from, String to) throws SQLException {
        ObjectNode collection = mapper.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (ObjectNode properties : figures(selection, from, to)) {
            ObjectNode feature = features.addObject().put("type", "Feature").put("id", properties.path("code").asText());
            feature.putNull("geometry");
            feature.set("properties", properties);
        }
        return collection;
    }

    /** The territory's communes as GeoJSON, polygons included. */
    String geoJson(TerritorySelection selection, String from, String to) throws SQLException, IOException {
        CommuneGeometries.Snapshot shapes = geometries.current();
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        String separator = "";
        for (ObjectNode properties : figures(selection, from, to)) {
            String code = properties.path("code").asText();
            String geometry = shapes.geometry(code);
            out.append(separator).append("{\"type\":\"Feature\",\"id\":\"").append(code).append("\",\"geometry\":")
                    .append(geometry == null ? "null" : geometry).append(",\"properties\":")
                    .append(mapper.writeValueAsString(properties)).append('}');
            separator = ",";
        }
        return out.append("]}").toString();
    }
}
