package fr.maillage.ogc.layer;

import fr.maillage.ogc.OgcConfiguration;
import fr.maillage.territory.indicator.Period;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;

/** Communes: their imported polygons and indicators. */
@Singleton
final class CommunesLayer extends TerritoryLayer {

    CommunesLayer(TerritoryFigures figures, TerritoryShapes shapes, OgcConfiguration config) {
        super(figures, shapes, config);
    }

    @Override
    public String id() {
        return "communes";
    }

    @Override
    public String title() {
        return "Communes";
    }

    @Override
    public String description() {
        return "Communes (INSEE COG) with teleconsultations of their residents, sessions at their sites and care"
                + " supply (APL, GPs); counts of 1 to 10 patients suppressed. datetime chooses the period of the"
                + " figures (default: the last 365 days).";
    }

    @Override
    List<TerritoryRow> rows(Period period) throws SQLException {
        return figures.communes(period);
    }

    @Override
    TerritoryShapes.@Nullable Shape shape(String code) throws SQLException {
        return shapes.commune(code);
    }
}
