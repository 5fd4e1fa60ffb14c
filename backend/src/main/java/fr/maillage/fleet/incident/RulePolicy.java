package fr.maillage.fleet.incident;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The rule settings of a site: its territory's overrides (longest matching code) over the defaults. */
@Singleton
public class RulePolicy {

    private final RuleSettings defaults;
    private final List<TerritoryRules> territories;

    RulePolicy(AlertConfiguration configuration, List<TerritoryRules> territories) {
        this.defaults = configuration.defaults();
        this.territories = territories.stream()
                .sorted(Comparator.comparingInt((TerritoryRules t) -> t.code().length()).reversed())
                .toList();
    }

    public RuleSettings forSite(@Nullable String inseeCode) {
        if (inseeCode == null) {
            return defaults;
        }
        return territories.stream()
                .filter(t -> inseeCode.toUpperCase(Locale.ROOT).startsWith(t.code().toUpperCase(Locale.ROOT)))
                .findFirst()
                .map(t -> t.over(defaults))
                .orElse(defaults);
    }
}
