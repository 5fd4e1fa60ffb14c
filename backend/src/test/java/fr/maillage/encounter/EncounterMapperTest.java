package fr.maillage.encounter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every session the contract accepts maps to an Encounter that the profile accepts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncounterMapperTest {

    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    private final FhirContext fhir = FhirContext.forR4();
    private final EncounterMapper mapper = new EncounterMapper();
    private EncounterConformance conformance;

    @BeforeAll
    void loadProfiles() {
        conformance = new EncounterConformance(fhir);
    }

    private static SessionEvent event(UUID sessionId, SessionEvent.Type type, SessionDetails details) {
        return new SessionEvent(1, UUID.randomUUID(), "55545-cabin-1", START.plusSeconds(900), 1, 1, sessionId, type,
                details);
    }

    private Encounter map(SessionEvent... events) {
        Encounter encounter = mapper.create(events[0]);
        for (SessionEvent e : events) {
            mapper.apply(encounter, e, Instant.now());
        }
        encounter.getMeta().setVersionId("1");
        return encounter;
    }

    /** One completed session per value of every coded field, so each code is proven once. */
    Stream<SessionDetails> everyCode() {
        List<SessionDetails> all = new ArrayList<>();
        int n = 0;
        int max = Stream.of(SessionDetails.RecourseReason.values().length, SessionDetails.Outcome.values().length,
                        PatientProfile.AgeBand.values().length, DeviceKind.values().length,
                        SessionDetails.PhysicianSpecialty.values().length)
                .max(Integer::compare).orElseThrow();
        for (; n < max; n++) {
            all.add(new SessionDetails(START, START.plusSeconds(600),
                    pick(SessionDetails.ProfessionalRole.values(), n),
                    pick(SessionDetails.PhysicianSpecialty.values(), n),
                    pick(SessionDetails.RecourseReason.values(), n),
                    new PatientProfile(pick(PatientProfile.AgeBand.values(), n), pick(PatientProfile.Sex.values(), n),
                            n % 2 == 0 ? "55029" : "2A004", n % 3 == 0 ? null : n % 3 == 1),
                    List.of(pick(DeviceKind.values(), n)),
                    pick(SessionDetails.Outcome.values(), n),
                    n % 11));
        }
        return all.stream();
    }

    private static <T> T pick(T[] values, int n) {
        return values[n % values.length];
    }

    @ParameterizedTest
    @MethodSource("everyCode")
    void completedSessionConformsToTheProfile(SessionDetails details) {
        Encounter encounter = map(event(UUID.randomUUID(), SessionEvent.Type.COMPLETED, details));

        assertThat(conformance.errors(encounter)).isEmpty();
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
    }

    @Test
    void startedThenCancelledSessionsConform() {
        UUID session = UUID.randomUUID();
        Encounter started = map(event(session, SessionEvent.Type.STARTED, null));
        Encounter cancelled = map(
                event(session, SessionEvent.Type.STARTED, null), event(session, SessionEvent.Type.CANCELLED, null));

        assertThat(conformance.errors(started)).isEmpty();
        assertThat(started.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(conformance.errors(cancelled)).isEmpty();
        assertThat(cancelled.getStatus()).isEqualTo(Encounter.EncounterStatus.CANCELLED);
    }

    @Test
    void finalStatusIsNeverLeft() {
        UUID session = UUID.randomUUID();
        SessionDetails details = everyCode().findFirst().orElseThrow();
        Encounter encounter = map(event(session, SessionEvent.Type.COMPLETED, details));

        boolean changed = mapper.apply(encounter, event(session, SessionEvent.Type.STARTED, null), Instant.now());

        assertThat(changed).isFalse();
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
    }

    @Test
    void encounterThatBreaksTheProfileIsReported() {
        Encounter encounter = map(event(UUID.randomUUID(), SessionEvent.Type.COMPLETED,
                everyCode().findFirst().orElseThrow()));
        encounter.getPeriod().setEnd(null);

        assertThat(conformance.errors(encounter)).isNotEmpty();
    }

    @Test
    void nothingIdentifiesThePatient() {
        Encounter encounter = map(event(UUID.randomUUID(), SessionEvent.Type.COMPLETED,
                everyCode().findFirst().orElseThrow()));
        String json = fhir.newJsonParser().encodeResourceToString(encounter);

        assertThat(encounter.hasSubject()).isFalse();
        assertThat(json).doesNotContain("\"subject\"", "\"name\"", "birthDate");
    }
}
