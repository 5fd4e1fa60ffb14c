package fr.maillage.agent;

import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Test data: unique site ids (the CI broker is shared and keeps retained messages) and valid sessions. */
public final class Sites {

    public static final SiteDescriptor BAR_LE_DUC =
            new SiteDescriptor("Cabine de téléconsultation de Bar-le-Duc", SiteKind.CABIN, "55029", 48.764, 5.163);

    private Sites() {}

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static SessionDetails completed() {
        Instant start = Instant.now().minus(20, ChronoUnit.MINUTES);
        return new SessionDetails(
                start,
                start.plus(15, ChronoUnit.MINUTES),
                SessionDetails.ProfessionalRole.NURSE,
                SessionDetails.PhysicianSpecialty.GENERAL_PRACTICE,
                SessionDetails.RecourseReason.NO_REGULAR_DOCTOR,
                new PatientProfile(PatientProfile.AgeBand.AGE_75_89, PatientProfile.Sex.FEMALE, "55029", false),
                List.of(),
                SessionDetails.Outcome.PRESCRIPTION,
                9);
    }
}
