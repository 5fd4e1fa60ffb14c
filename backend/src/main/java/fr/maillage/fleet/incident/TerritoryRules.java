package fr.maillage.fleet.incident;

import fr.maillage.contract.DeviceKind;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Rule thresholds of one territory ({@code maillage.fleet.alerts.territories.<code>.*}), overriding the defaults
 * of {@link AlertConfiguration} for every site whose INSEE code starts with {@code code} (a département such as
 * {@code 52}, {@code 2A} or {@code 971}; the longest matching code wins). Unset values keep the defaults.
 */
@EachProperty("maillage.fleet.alerts.territories")
public record TerritoryRules(
        @Parameter String code,
        @Nullable Duration offlineAfter,
        @Nullable List<DeviceKind> requiredPeripherals,
        @Nullable Double latencyThresholdMs,
        @Nullable Double backlogThreshold,
        @Nullable Duration dormantAfter,
        @Nullable Duration escalateAfter,
        @Nullable List<String> mailTo) {

    RuleSettings over(RuleSettings defaults) {
        return new RuleSettings(
                offlineAfter != null ? offlineAfter : defaults.offlineAfter(),
                requiredPeripherals != null ? Set.copyOf(requiredPeripherals) : defaults.requiredPeripherals(),
                latencyThresholdMs != null ? latencyThresholdMs : defaults.latencyThresholdMs(),
                backlogThreshold != null ? backlogThreshold : defaults.backlogThreshold(),
                dormantAfter != null ? dormantAfter : defaults.dormantAfter(),
                escalateAfter != null ? escalateAfter : defaults.escalateAfter(),
                mailTo != null ? mailTo : defaults.mailTo());
    }
}
