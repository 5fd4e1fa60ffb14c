package fr.maillage.ogc.layer;

import fr.maillage.ogc.OgcConfiguration;
import fr.maillage.territory.indicator.Period;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;

/** EPCI: the union of their communes' polygons and their indicators. */
@Singleton
final class EpciLayer extends TerritoryLayer {

    EpciLayer(TerritoryFigures figures, TerritoryShapes shapes, OgcConfiguration config) {
        super(figures, shapes, config);
    }

    @Override
    public String id() {
        return "epci";
    }

    @Override
    public String title() {
        return "EPCI";
    }

    @Override
    public String description() {
        return "EPCI à fiscalité propre (polygon: union of their communes) with teleconsultations of their residents,"
                + " sessions at their sites and care supply (APL weighted by standardised population, GPs); counts"
                + " of 1 to 10 patients suppressed. datetime chooses the period of the figures (default: the last"
                + " 365 days).";
    }

    @Override
    List<TerritoryRow> rows(Period period) throws SQLException {
        return figures.epci(period);
    }

    @Override
    TerritoryShapes.@Nullable Shape shape(String code) throws SQLException {
        return shapes.epci(code);
    }
}
