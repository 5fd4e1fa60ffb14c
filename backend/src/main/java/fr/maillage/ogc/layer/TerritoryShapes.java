package fr.maillage.ogc.layer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * The polygons of the communes as imported (GeoJSON in table {@code commune}) and of the EPCI as the union of their
 * communes' polygons (JTS, robust overlay: there is no PostGIS), with their envelopes for {@code bbox}. Built once
 * and again only after a territory import, which is what changes them.
 */
@Singleton
public class TerritoryShapes {

    /** A geometry as GeoJSON text (WGS84) and its envelope. */
    public record Shape(String geoJson, Envelope envelope) {}

    private record Shapes(long importId, Map<String, Shape> communes, Map<String, Shape> epci, Envelope extent) {}

    /** 6 decimals of a degree are about 10 cm: more than the simplified polygons' own precision. */
    private static final int DECIMALS = 6;

    private final DataSource dataSource;
    private volatile Shapes shapes;

    TerritoryShapes(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    public @Nullable Shape commune(String inseeCode) throws SQLException {
        return current().communes().get(inseeCode);
    }

    public @Nullable Shape epci(String siren) throws SQLException {
        return current().epci().get(siren);
    }

    /** The envelope of all communes' polygons; null before the polygons are imported. */
    public @Nullable Envelope extent() throws SQLException {
        Envelope extent = current().extent();
        return extent.isNull() ? null : extent;
    }

    private Shapes current() throws SQLException {
        long importId = lastImport();
        Shapes known = shapes;
        if (known != null && known.importId() == importId) {
            return known;
        }
        synchronized (this) {
            if (shapes == null || shapes.importId() != importId) {
                shapes = build(importId);
            }
            return shapes;
        }
    }

    private long lastImport() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT coalesce(max(id), 0) FROM territory_import");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Shapes build(long importId) throws SQLException {
        GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326);
        GeoJsonReader reader = new GeoJsonReader(factory);
        Map<String, Shape> communes = new HashMap<>();
        Map<String, List<Geometry>> members = new HashMap<>();
        Envelope extent = new Envelope();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT insee_code, epci_siren, geometry::text FROM commune WHERE geometry IS NOT NULL");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String text = rs.getString(3);
                Geometry geometry;
                try {
                    geometry = reader.read(text);
                } catch (ParseException e) {
                    throw new IllegalStateException("commune " + rs.getString(1) + " has a geometry that is not"
                            + " GeoJSON: " + e.getMessage(), e);
                }
                communes.put(rs.getString(1), new Shape(text, geometry.getEnvelopeInternal()));
                extent.expandToInclude(geometry.getEnvelopeInternal());
                String epci = rs.getString(2);
                if (epci != null) {
                    members.computeIfAbsent(epci, k -> new ArrayList<>()).add(geometry);
                }
            }
        }
        GeoJsonWriter writer = new GeoJsonWriter(DECIMALS);
        writer.setEncodeCRS(false);
        Map<String, Shape> epci = new HashMap<>();
        members.forEach((siren, geometries) -> {
            Geometry union = OverlayNGRobust.union(geometries);
            epci.put(siren, new Shape(writer.write(union), union.getEnvelopeInternal()));
        });
        return new Shapes(importId, Map.copyOf(communes), Map.copyOf(epci), extent);
    }
}
