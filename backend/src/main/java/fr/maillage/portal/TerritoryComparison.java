package fr.maillage.portal;

import fr.maillage.territory.indicator.Disclosure.Figure;
import fr.maillage.territory.indicator.IndicatorService;
import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritoryIndicators;
import fr.maillage.territory.indicator.TerritoryLevel;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * A territory's indicators beside those of its département and of the whole network, like PASST's "rapport
 * d'identité": the figures an élu reads first.
 */
@Singleton
class TerritoryComparison {

    /**
     * @param territory the territory asked for
     * @param departement its département(s) taken together; null when the territory is itself the département
     * @param network the network's départements taken together
     * @param rows the comparison table
     */
    @Serdeable
    record Comparison(TerritoryIndicators territory, @Nullable TerritoryIndicators departement,
            TerritoryIndicators network, List<Row> rows) {}

    /**
     * One line of the table.
     *
     * @param key the indicator's code (CSV header, tests)
     * @param label its French label
     * @param unit its unit, in French
     * @param territory the territory's value
     * @param departement the département's value, null when the territory is the département
     * @param network the network's value
     */
    @Serdeable
    record Row(String key, String label, String unit, Figure territory, @Nullable Figure departement,
            Figure network) {}

    private final IndicatorService indicators;
    private final ReferenceIndicators references;
    private final PortalQueries queries;
    private final PortalConfiguration configuration;

    TerritoryComparison(IndicatorService indicators, ReferenceIndicators references, PortalQueries queries,
            PortalConfiguration configuration) {
        this.indicators = indicators;
        this.references = references;
        this.queries = queries;
        this.configuration = configuration;
    }

    /** The territory's figures are computed now; départements, as references, may be a little older. */
    Comparison compare(TerritorySelection selection, Period period) throws SQLException {
        TerritoryIndicators territory = selection.level() == TerritoryLevel.DEPARTEMENTS
                ? references.of(selection.codes(), period)
                : indicators.indicators(selection, period);
        List<String> departements = queries.departementsOf(selection);
        TerritoryIndicators departement = selection.level() == TerritoryLevel.DEPARTEMENTS || departements.isEmpty()
                ? null
                : references.of(departements, period);
        TerritoryIndicators network = references.of(configuration.networkDepartements(), period);
        List<Row> rows = Arrays.stream(ComparedIndicator.values())
                .map(indicator -> new Row(indicator.name(), indicator.label(), indicator.unit(),
                        indicator.of(territory), departement == null ? null : indicator.of(departement),
                        indicator.of(network)))
                .toList();
        return new Comparison(territory, departement, network, rows);
    }
}
