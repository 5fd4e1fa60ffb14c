package fr.maillage.fleet.incident;

import fr.maillage.contract.DeviceKind;
import fr.maillage.fleet.SiteState;
import fr.maillage.fleet.availability.OpeningHours;
import fr.maillage.fleet.state.Observation;
import fr.maillage.fleet.state.StateTracker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Which rules fire for a site at one instant. Pure: the incidents follow from the findings. */
public final class RuleEvaluator {

    /** Measurement of the NETWORK_LINK probe. */
    static final String LATENCY_MS = "latencyMs";
    /** Measurement of the AGENT probe. */
    static final String BACKLOG = "backlog";

    private RuleEvaluator() {}

    public static List<Finding> evaluate(SiteFacts site, RuleSettings rules, ZoneId zone, Instant now) {
        List<Finding> findings = new ArrayList<>();
        if (site.state() == SiteState.OFFLINE && site.stateSince() != null) {
            Duration offlineOpen = openTime(site.openingHours(), site.stateSince(), now, zone);
            if (offlineOpen.compareTo(rules.offlineAfter()) >= 0) {
                boolean silent = Observation.Reason.NO_HEARTBEAT.name().equals(site.stateReason());
                findings.add(new Finding(
                        silent ? Rule.NO_HEARTBEAT : Rule.SITE_OFFLINE,
                        StateTracker.SITE,
                        (silent ? "no heartbeat" : "offline") + " since " + site.stateSince() + " ("
                                + offlineOpen.toMinutes() + " min within opening hours)"));
            }
            // A site that cannot be reached says nothing reliable about its devices.
            return findings;
        }
        if (site.state() == SiteState.UNKNOWN) {
            return findings;
        }
        for (SiteFacts.DeviceFacts device : site.devices()) {
            if (rules.requiredPeripherals().contains(device.kind()) && device.state() == SiteState.OFFLINE) {
                findings.add(new Finding(Rule.PERIPHERAL_DOWN, device.deviceId(), device.kind() + " is down"));
            }
            Double latency = device.measurements().get(LATENCY_MS);
            if (device.kind() == DeviceKind.NETWORK_LINK && latency != null && latency > rules.latencyThresholdMs()) {
                findings.add(new Finding(Rule.LINK_LATENCY, device.deviceId(),
                        "latency " + Math.round(latency) + " ms > " + Math.round(rules.latencyThresholdMs()) + " ms"));
            }
            Double backlog = device.measurements().get(BACKLOG);
            if (device.kind() == DeviceKind.AGENT && backlog != null && backlog > rules.backlogThreshold()) {
                findings.add(new Finding(Rule.OUTBOX_BACKLOG, device.deviceId(),
                        Math.round(backlog) + " events waiting in the outbox > " + Math.round(rules.backlogThreshold())));
            }
        }
        Instant lastActivity = site.lastSessionStart() != null ? site.lastSessionStart() : site.createdAt();
        if (Duration.between(lastActivity, now).compareTo(rules.dormantAfter()) > 0) {
            findings.add(new Finding(Rule.DORMANT_SITE, StateTracker.SITE,
                    site.lastSessionStart() == null
                            ? "no session since the site appeared on " + site.createdAt()
                            : "no session since " + site.lastSessionStart()));
        }
        return findings;
    }

    private static Duration openTime(OpeningHours hours, Instant from, Instant to, ZoneId zone) {
        Duration total = Duration.ZERO;
        for (OpeningHours.Window window : hours.windows(from, to, zone)) {
            total = total.plus(Duration.between(window.from(), window.to()));
        }
        return total;
    }
}
