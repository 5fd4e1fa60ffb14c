package fr.maillage.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.maillage.territory.indicator.TerritoryController;
import fr.maillage.territory.indicator.TerritorySelection;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The communes of a territory with their figures, taken from the territory feature's map GeoJSON so that the
 * exports show exactly what the map shows, suppression included, with the GPs per 10,000 inhabitants and the
 * share of inhabitants aged 65 and over added.
 */
@Singleton
class TerritoryCommunes {

    private final TerritoryController territories;
    private final PortalQueries queries;
    private final ObjectMapper mapper = new ObjectMapper();

    TerritoryCommunes(TerritoryController territories, PortalQueries queries) {
        this.territories = territories;
        this.queries = queries;
    }

    /** A GeoJSON FeatureCollection of the territory's communes, ordered by INSEE code. */
    ObjectNode featureCollection(TerritorySelection selection, String from, String to)
            throws SQLException, IOException {
        List<String> departements = queries.departementsOf(selection);
        JsonNode all = mapper.readTree(territories.communesGeoJson(String.join(",", departements), from, to));
        Map<String, PortalQueries.CommuneGps> gps = queries.communeGps().stream()
                .collect(Collectors.toMap(PortalQueries.CommuneGps::code, Function.identity()));
        Map<String, PortalQueries.CommuneAges> ages = queries.communeAges().stream()
                .collect(Collectors.toMap(PortalQueries.CommuneAges::code, Function.identity()));
        String property = switch (selection.level()) {
            case COMMUNES -> "code";
            case EPCI -> "epciSiren";
            case DEPARTEMENTS -> "departement";
        };
        ObjectNode collection = mapper.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (JsonNode feature : all.path("features")) {
            ObjectNode properties = (ObjectNode) feature.path("properties");
            if (selection.codes().contains(properties.path(property).asText())) {
                PortalQueries.CommuneGps supply = gps.get(properties.path("code").asText());
                if (supply == null || supply.per10000() == null) {
                    properties.putNull("gpsPer10000");
                } else {
                    properties.put("gpsPer10000", supply.per10000());
                }
                PortalQueries.CommuneAges age = ages.get(properties.path("code").asText());
                if (age == null || age.share65Plus() == null) {
                    properties.putNull("share65Plus");
                } else {
                    properties.put("share65Plus", age.share65Plus());
                }
                features.add(feature);
            }
        }
        return collection;
    }

    String geoJson(TerritorySelection selection, String from, String to) throws SQLException, IOException {
        return mapper.writeValueAsString(featureCollection(selection, from, to));
    }
}
