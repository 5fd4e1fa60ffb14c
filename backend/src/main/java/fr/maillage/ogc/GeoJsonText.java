package fr.maillage.ogc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;

/**
 * Writes features as GeoJSON text. Geometries are already GeoJSON (as imported, or written by JTS), so they are
 * copied rather than parsed and written again.
 */
public final class GeoJsonText {

    private GeoJsonText() {}

    /** Appends one Feature; {@code links} (already JSON) is added when not null. */
    public static void feature(StringBuilder out, Feature feature, JsonMapper json, @Nullable String links)
            throws IOException {
        out.append("{\"type\":\"Feature\",\"id\":").append(json.writeValueAsString(feature.id()))
                .append(",\"geometry\":").append(feature.geometry() == null ? "null" : feature.geometry())
                .append(",\"properties\":").append(json.writeValueAsString(feature.properties()));
        if (links != null) {
            out.append(",\"links\":").append(links);
        }
        out.append('}');
    }
}
