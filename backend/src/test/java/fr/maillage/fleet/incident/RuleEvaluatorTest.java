package fr.maillage.fleet.incident;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.contract.DeviceKind;
import fr.maillage.fleet.SiteState;
import fr.maillage.fleet.availability.OpeningHours;
import fr.maillage.fleet.state.Observation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final OpeningHours PHARMACY = OpeningHours.parse("Mon-Sat 09:00-19:00");
    private static final RuleSettings RULES = new RuleSettings(Duration.ofMinutes(10), Set.of(DeviceKind.CAMERA), 800,
            100, Duration.ofDays(7), Duration.ofMinutes(30), List.of());
    /** Monday 23 November 2026, 10:00 in Paris. */
    private static final Instant MONDAY_10H = Instant.parse("2026-11-23T09:00:00Z");

    private static SiteFacts site(SiteState state, Instant since, String reason, List<SiteFacts.DeviceFacts> devices) {
        return new SiteFacts("s", "52250", state, since, reason, PHARMACY, devices, MONDAY_10H.minusSeconds(3600),
                MONDAY_10H.minus(Duration.ofDays(30)));
    }

    private static List<Rule> rules(SiteFacts site, Instant now) {
        return RuleEvaluator.evaluate(site, RULES, PARIS, now).stream().map(Finding::rule).toList();
    }

    @Test
    void offlineSiteFiresOnlyOnceOfflineLongerThanTheLimitWithinOpeningHours() {
        var offline = site(SiteState.OFFLINE, MONDAY_10H, Observation.Reason.WILL.name(), List.of());

        assertThat(rules(offline, MONDAY_10H.plus(Duration.ofMinutes(9)))).isEmpty();
        assertThat(rules(offline, MONDAY_10H.plus(Duration.ofMinutes(10)))).containsExactly(Rule.SITE_OFFLINE);
    }

    @Test
    void outageAtNightWaitsForTheOpening() {
        // offline since Sunday 23:00 Paris; the pharmacy opens on Monday at 09:00
        var offline = site(SiteState.OFFLINE, Instant.parse("2026-11-22T22:00:00Z"), "WILL", List.of());

        assertThat(rules(offline, Instant.parse("2026-11-23T08:05:00Z"))).isEmpty();
        assertThat(rules(offline, Instant.parse("2026-11-23T08:10:00Z"))).containsExactly(Rule.SITE_OFFLINE);
    }

    @Test
    void silentSiteIsANoHeartbeatIncident() {
        var silent = site(SiteState.OFFLINE, MONDAY_10H, Observation.Reason.NO_HEARTBEAT.name(), List.of());

        assertThat(rules(silent, MONDAY_10H.plus(Duration.ofMinutes(15)))).containsExactly(Rule.NO_HEARTBEAT);
    }

    @Test
    void requiredPeripheralDownFiresButAnOptionalOneDoesNot() {
        var devices = List.of(
                new SiteFacts.DeviceFacts("camera", DeviceKind.CAMERA, SiteState.OFFLINE, Map.of()),
                new SiteFacts.DeviceFacts("otoscope", DeviceKind.OTOSCOPE, SiteState.OFFLINE, Map.of()));

        var findings = RuleEvaluator.evaluate(
                site(SiteState.DEGRADED, MONDAY_10H, "PROBES", devices), RULES, PARIS, MONDAY_10H);

        assertThat(findings).containsExactly(new Finding(Rule.PERIPHERAL_DOWN, "camera", "CAMERA is down"));
    }

    @Test
    void slowLinkAndGrowingOutboxFireFromTheirMeasurements() {
        var devices = List.of(
                new SiteFacts.DeviceFacts("link", DeviceKind.NETWORK_LINK, SiteState.DEGRADED, Map.of("latencyMs", 950.0)),
                new SiteFacts.DeviceFacts("agent", DeviceKind.AGENT, SiteState.ONLINE, Map.of("backlog", 250.0)));

        assertThat(rules(site(SiteState.DEGRADED, MONDAY_10H, "PROBES", devices), MONDAY_10H))
                .containsExactly(Rule.LINK_LATENCY, Rule.OUTBOX_BACKLOG);
    }

    @Test
    void unreachableSiteSaysNothingOfItsDevices() {
        var devices = List.of(new SiteFacts.DeviceFacts("camera", DeviceKind.CAMERA, SiteState.OFFLINE, Map.of()));

        assertThat(rules(site(SiteState.OFFLINE, MONDAY_10H, "WILL", devices), MONDAY_10H)).isEmpty();
    }

    @Test
    void upSiteWithoutASessionForLongerThanTheLimitIsDormant() {
        var site = new SiteFacts("s", "52250", SiteState.ONLINE, MONDAY_10H, "CONNECTED", PHARMACY, List.of(),
                MONDAY_10H.minus(Duration.ofDays(8)), MONDAY_10H.minus(Duration.ofDays(100)));
        var fresh = new SiteFacts("s", "52250", SiteState.ONLINE, MONDAY_10H, "CONNECTED", PHARMACY, List.of(),
                null, MONDAY_10H.minus(Duration.ofDays(2)));

        assertThat(rules(site, MONDAY_10H)).containsExactly(Rule.DORMANT_SITE);
        assertThat(rules(fresh, MONDAY_10H)).as("a new site gets the whole delay").isEmpty();
    }

    @Test
    void territoryOverridesOnlyWhatItSets() {
        var territory = new TerritoryRules("52", Duration.ofMinutes(3), null, null, null, null, null,
                List.of("coordination52@example.org"));

        var merged = territory.over(RULES);

        assertThat(merged.offlineAfter()).isEqualTo(Duration.ofMinutes(3));
        assertThat(merged.requiredPeripherals()).containsExactly(DeviceKind.CAMERA);
        assertThat(merged.mailTo()).containsExactly("coordination52@example.org");
    }
}
