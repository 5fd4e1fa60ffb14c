package fr.maillage.ogc.layer;

import fr.maillage.ogc.Feature;
import fr.maillage.ogc.FeatureLayer;
import fr.maillage.ogc.FeaturePage;
import fr.maillage.ogc.ItemQuery;
import fr.maillage.ogc.OgcConfiguration;
import fr.maillage.territory.indicator.Period;
import io.micronaut.core.annotation.Nullable;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/** A layer of territories (communes or EPCI) with their polygons and indicators. */
abstract sealed class TerritoryLayer implements FeatureLayer permits CommunesLayer, EpciLayer {

    protected final TerritoryFigures figures;
    protected final TerritoryShapes shapes;
    private final OgcConfiguration config;

    TerritoryLayer(TerritoryFigures figures, TerritoryShapes shapes, OgcConfiguration config) {
        this.figures = figures;
        this.shapes = shapes;
        this.config = config;
    }

    abstract List<TerritoryRow> rows(Period period) throws SQLException;

    abstract TerritoryShapes.@Nullable Shape shape(String code) throws SQLException;

    @Override
    public int defaultDays() {
        return config.territoryDays();
    }

    @Override
    public Optional<Envelope> extent() {
        try {
            return Optional.ofNullable(shapes.extent());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public FeaturePage items(ItemQuery query, Period period) {
        try {
            List<TerritoryRow> matching = query.bbox() == null ? rows(period) : rows(period).stream()
                    .filter(row -> {
                        TerritoryShapes.Shape shape = shapeOrNull(row.code());
                        return shape != null && query.bbox().intersects(shape.envelope());
                    })
                    .toList();
            List<Feature> page = matching.stream()
                    .skip(query.offset())
                    .limit(query.limit())
                    .map(this::feature)
                    .toList();
            return new FeaturePage(page, matching.size());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<Feature> item(String id, Period period) {
        try {
            return rows(period).stream().filter(row -> row.code().equals(id)).findFirst().map(this::feature);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Feature feature(TerritoryRow row) {
        TerritoryShapes.Shape shape = shapeOrNull(row.code());
        return new Feature(row.code(), shape == null ? null : shape.geoJson(),
                Column.properties(TerritoryColumns.ALL, row));
    }

    private TerritoryShapes.@Nullable Shape shapeOrNull(String code) {
        try {
            return shape(code);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
