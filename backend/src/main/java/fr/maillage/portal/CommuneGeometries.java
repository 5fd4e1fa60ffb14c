package fr.maillage.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The communes' polygons, which change only when reference data is imported again: read once per version of the
 * commune table and kept in memory, both per commune (for the exports) and as the map's FeatureCollection with
 * its ETag, so that browsers revalidate 2 MB of polygons with a 304 instead of downloading them at every visit.
 */
@Singleton
class CommuneGeometries {

    /**
     * @param version the commune table's version these were read at
     * @param geoJson the map's FeatureCollection: polygons and the figures that do not depend on the period
     * @param etag a strong validator of {@code geoJson}
     */
    record Snapshot(String version, Map<String, PortalQueries.CommuneShape> shapes, String geoJson, String etag) {

        @Nullable
        String geometry(String code) {
            PortalQueries.CommuneShape shape = shapes.get(code);
            return shape == null ? null : shape.geometry();
        }
    }

    private final PortalQueries queries;
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile Snapshot snapshot;

    CommuneGeometries(PortalQueries queries) {
        this.queries = queries;
    }

    /** The polygons as stored now: one cheap query to check the version, the full read only after an import. */
    Snapshot current() throws SQLException {
        String version = queries.communesVersion();
        Snapshot known = snapshot;
        if (known != null && known.version().equals(version)) {
            return known;
        }
        synchronized (this) {
            if (snapshot == null || !snapshot.version().equals(version)) {
                snapshot = read(version);
            }
            return snapshot;
        }
    }

    private Snapshot read(String version) throws SQLException {
        List<PortalQueries.CommuneShape> shapes = queries.communeShapes();
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        String separator = "";
        for (PortalQueries.CommuneShape shape : shapes) {
            ObjectNode properties = mapper.createObjectNode().put("code", shape.code()).put("name", shape.name())
                    .put("departement", shape.departement()).put("epciSiren", shape.epciSiren())
                    .put("population", shape.population());
            out.append(separator).append("{\"type\":\"Feature\",\"id\":\"").append(shape.code())
                    .append("\",\"geometry\":").append(shape.geometry() == null ? "null" : shape.geometry())
                    .append(",\"properties\":").append(text(properties)).append('}');
            separator = ",";
        }
        String geoJson = out.append("]}").toString();
        Map<String, PortalQueries.CommuneShape> byCode =
                shapes.stream().collect(Collectors.toUnmodifiableMap(PortalQueries.CommuneShape::code, Function.identity()));
        return new Snapshot(version, byCode, geoJson, '"' + sha256(geoJson) + '"');
    }

    private String text(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
