package fr.maillage.ingest;

import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.StatusMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Wire messages a simulated site sends, for the ingest's tests and benchmark. */
public final class SiteEvents {

    private SiteEvents() {}

    /** A session's first event, without details. */
    public static SessionEvent started(String site, UUID sessionId, long seq) {
        return new SessionEvent(1, UUID.randomUUID(), site, Instant.now().truncatedTo(ChronoUnit.SECONDS), 1, seq,
                sessionId, SessionEvent.Type.STARTED, null);
    }

    /**
     * A session's completion with its details, sent now, for a session that started twenty minutes ago.
     * {@code variant} picks the coded content (recourse reason, age band, sex, outcome, regular doctor, score), so a
     * stream of them covers many of the combinations a real one has.
     */
    public static SessionEvent completed(String site, UUID sessionId, long seq, int variant) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(20));
        SessionDetails.RecourseReason[] reasons = SessionDetails.RecourseReason.values();
        PatientProfile.AgeBand[] ages = PatientProfile.AgeBand.values();
        PatientProfile.Sex[] sexes = PatientProfile.Sex.values();
        SessionDetails.Outcome[] outcomes = SessionDetails.Outcome.values();
        int n = Math.abs(variant);
        return new SessionEvent(1, UUID.randomUUID(), site, Instant.now(), 1, seq, sessionId,
                SessionEvent.Type.COMPLETED, new SessionDetails(start, start.plusSeconds(900),
                        SessionDetails.ProfessionalRole.PHARMACIST, SessionDetails.PhysicianSpecialty.GENERAL_PRACTICE,
                        reasons[n % reasons.length],
                        new PatientProfile(ages[n / reasons.length % ages.length],
                                sexes[n / (reasons.length * ages.length) % sexes.length], "55545", n % 2 == 0),
                        List.of(DeviceKind.STETHOSCOPE),
                        outcomes[n / (reasons.length * ages.length * sexes.length) % outcomes.length], n % 11));
    }

    /** A heartbeat snapshot of three healthy probes; {@code seq} orders a site's snapshots. */
    public static StatusMessage status(String site, long seq) {
        return new StatusMessage(1, UUID.randomUUID(), site, Instant.now(), 1, seq, 60, List.of(
                new ProbeReading("link", DeviceKind.NETWORK_LINK, Health.OK, null, Map.of("latencyMs", 40.0 + seq % 9)),
                new ProbeReading("otoscope", DeviceKind.OTOSCOPE, Health.OK, null, Map.of()),
                new ProbeReading("camera", DeviceKind.CAMERA, Health.OK, null, Map.of())));
    }
}
