package fr.maillage.fleet;

import fr.maillage.contract.SiteKind;
import fr.maillage.fleet.state.Observation;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Settings of the fleet state machine, availability and metrics ({@code maillage.fleet.*}); documented in
 * {@code fleet/README.md}. The liveness defaults (one missed 30 s heartbeat plus 10 s, swept every 5 s) declare a
 * silent site OFFLINE at most 45 s after its last status, the same bound as the broker's Will after 1.5 × a 30 s
 * keep-alive; the README explains the reasoning.
 *
 * @param missedHeartbeats heartbeats a connected site may miss before it is declared OFFLINE without a Will
 * @param heartbeatGrace added to that silence limit for transport and processing delays
 * @param defaultHeartbeat heartbeat interval assumed until the agent announces its own
 * @param recoveryHold how long a better state must hold before it is recorded (hysteresis against flapping)
 * @param sweepInterval how often silent sites and pending recoveries are re-evaluated
 * @param metricsRefresh how often the fleet gauges are read from the database
 * @param zone time zone of opening hours and of availability's days, weeks and months
 * @param openingHoursCabin default opening hours of a cabin, in {@code OpeningHours} syntax
 * @param openingHoursHealthCentre default opening hours of an MSP 2.0
 * @param openingHoursPharmacy default opening hours of a pharmacy
 * @param openingHoursPublicServicePoint default opening hours of a France services point
 */
@ConfigurationProperties("maillage.fleet")
public record FleetConfiguration(
        @Min(1) @Bindable(defaultValue = "1") int missedHeartbeats,
        @Bindable(defaultValue = "10s") Duration heartbeatGrace,
        @Bindable(defaultValue = "30s") Duration defaultHeartbeat,
        @Bindable(defaultValue = "60s") Duration recoveryHold,
        @Bindable(defaultValue = "5s") Duration sweepInterval,
        @Bindable(defaultValue = "30s") Duration metricsRefresh,
        @Bindable(defaultValue = "Europe/Paris") ZoneId zone,
        @NotBlank @Bindable(defaultValue = "Mon-Sat 08:00-20:00") String openingHoursCabin,
        @NotBlank @Bindable(defaultValue = "Mon-Fri 08:00-19:00; Sat 08:00-12:00") String openingHoursHealthCentre,
        @NotBlank @Bindable(defaultValue = "Mon-Sat 09:00-19:00") String openingHoursPharmacy,
        @NotBlank @Bindable(defaultValue = "Mon-Fri 09:00-17:00") String openingHoursPublicServicePoint) {

    public Observation.Liveness liveness() {
        return new Observation.Liveness(missedHeartbeats, heartbeatGrace, defaultHeartbeat);
    }

    /** The default opening hours of a kind of site; a site of unknown kind gets a cabin's. */
    public String defaultOpeningHours(SiteKind kind) {
        if (kind == null) {
            return openingHoursCabin;
        }
        return switch (kind) {
            case CABIN -> openingHoursCabin;
            case HEALTH_CENTRE -> openingHoursHealthCentre;
            case PHARMACY -> openingHoursPharmacy;
            case PUBLIC_SERVICE_POINT -> openingHoursPublicServicePoint;
        };
    }
}
