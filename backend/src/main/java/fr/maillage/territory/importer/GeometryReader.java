package fr.maillage.territory.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads commune polygons from a GeoJSON FeatureCollection whose features carry the INSEE code in a
 * {@code code_insee} (or {@code code}) property. Streams feature by feature: a national file is hundreds of
 * megabytes.
 */
final class GeometryReader {

    private static final JsonFactory JSON = new JsonFactory();

    private GeometryReader() {}

    static Parsed<Rows.Geometry> read(InputStream in, DepartementFilter filter) {
        Parsed<Rows.Geometry> parsed = new Parsed<>();
        Set<String> seen = new HashSet<>();
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a GeoJSON object");
            }
            boolean features = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("features") && parser.currentToken() == JsonToken.START_ARRAY) {
                    features = true;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        feature(parser, filter, parsed, seen);
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (!features) {
                throw new IllegalArgumentException("not a GeoJSON FeatureCollection: no 'features' array");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable GeoJSON: " + e.getMessage(), e);
        }
        return parsed;
    }

    private static void feature(JsonParser parser, DepartementFilter filter, Parsed<Rows.Geometry> parsed,
            Set<String> seen) throws IOException {
        parsed.read();
        String code = null;
        String geometry = null;
        String geometryType = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("properties") && parser.currentToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String property = parser.currentName();
                    parser.nextToken();
                    if ((property.equals("code_insee") || property.equals("code"))
                            && parser.currentToken() == JsonToken.VALUE_STRING) {
                        code = InseeCodes.normalise(parser.getText());
                    } else {
                        parser.skipChildren();
                    }
                }
            } else if (field.equals("geometry") && parser.currentToken() == JsonToken.START_OBJECT) {
                StringWriter text = new StringWriter();
                try (JsonGenerator generator = JSON.createGenerator(text)) {
                    generator.copyCurrentStructure(parser);
                }
                geometry = text.toString();
                geometryType = geometry.contains("\"MultiPolygon\"") ? "MultiPolygon"
                        : geometry.contains("\"Polygon\"") ? "Polygon" : null;
            } else {
                parser.skipChildren();
            }
        }
        if (code == null || !InseeCodes.isCommune(code)) {
            parsed.skip(ReferenceCsv.INVALID_CODE);
        } else if (!filter.accepts(code)) {
            parsed.skip(ReferenceCsv.OTHER_DEPARTEMENT);
        } else if (geometryType == null) {
            parsed.skip("geometry missing or not a Polygon/MultiPolygon");
        } else if (!seen.add(code)) {
            parsed.skip(ReferenceCsv.DUPLICATE);
        } else {
            parsed.keep(new Rows.Geometry(code, geometry));
        }
    }
}
