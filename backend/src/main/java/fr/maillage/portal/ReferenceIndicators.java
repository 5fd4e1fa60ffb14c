package fr.maillage.portal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.maillage.territory.indicator.IndicatorService;
import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritoryIndicators;
import fr.maillage.territory.indicator.TerritoryLevel;
import fr.maillage.territory.indicator.TerritorySelection;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;

/**
 * Indicators of whole départements taken together — the reference columns of every territory page (its
 * département, the network) — kept for {@code maillage.portal.reference-cache-ttl}. Each is a pass over a year of
 * the network's sessions, the same for every EPCI and commune of the département, while the figures of the
 * territory asked for stay live; a département page shows its own figures as of the same moment as its reference.
 */
@Singleton
class ReferenceIndicators {

    /** Enough for the network, its départements and their combinations over a few periods each. */
    private static final int MAX_ENTRIES = 256;

    private record Key(String departements, Period period) {}

    private final IndicatorService indicators;
    private final Cache<Key, TerritoryIndicators> cache;

    ReferenceIndicators(IndicatorService indicators, PortalConfiguration configuration) {
        this.indicators = indicators;
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(configuration.referenceCacheTtl())
                .build();
    }

    /** The départements taken together, over the period. */
    TerritoryIndicators of(List<String> departements, Period period) throws SQLException {
        Key key = new Key(String.join(",", departements.stream().sorted().toList()), period);
        TerritoryIndicators cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        // two pages asking at once both compute it: cheaper than holding one of them behind a lock
        TerritoryIndicators computed =
                indicators.indicators(TerritorySelection.parse(TerritoryLevel.DEPARTEMENTS.path(), key.departements()),
                        period);
        cache.put(key, computed);
        return computed;
    }
}
