package fr.maillage.fleet.incident;

import fr.maillage.contract.DeviceKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The thresholds of the rules for one territory.
 *
 * @param offlineAfter how long a site may be OFFLINE, within opening hours, before an incident opens
 * @param requiredPeripherals kinds of device whose DOWN opens an incident
 * @param latencyThresholdMs link latency above which an incident opens
 * @param backlogThreshold agent outbox backlog above which an incident opens
 * @param dormantAfter how long an up site may go without a session
 * @param escalateAfter an incident still unacknowledged after this is escalated
 * @param mailTo who is mailed about the territory's incidents
 */
public record RuleSettings(
        Duration offlineAfter,
        Set<DeviceKind> requiredPeripherals,
        double latencyThresholdMs,
        double backlogThreshold,
        Duration dormantAfter,
        Duration escalateAfter,
        List<String> mailTo) {

    public RuleSettings {
        requiredPeripherals = Set.copyOf(requiredPeripherals);
        mailTo = List.copyOf(mailTo);
    }
}
