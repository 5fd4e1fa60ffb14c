package fr.maillage.study;

import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteMessage;
import fr.maillage.contract.StateMessage;
import fr.maillage.ingest.IngestMetrics;
import fr.maillage.ingest.MessageProcessor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Sites and completed sessions applied through the ingest's own processor (decoded wire messages → fleet and FHIR
 * Encounter → PostgreSQL, one transaction each, as the ingest opens one around each batch), without the broker: the tests that count everything in their
 * database run with the MQTT ingest off, so that no other test's traffic on the shared broker reaches it.
 */
public final class SessionFixture {

    /**
     * One session to apply.
     *
     * @param start when it started
     * @param residence the patient's commune (INSEE code)
     * @param reason why teleconsultation
     * @param satisfaction 0–10, null when not asked
     * @param roleStrengthened the assisting professional's answer, null when not asked
     */
    public record Session(Instant start, String residence, SessionDetails.RecourseReason reason,
            @Nullable Integer satisfaction, PatientProfile.AgeBand ageBand, PatientProfile.Sex sex,
            @Nullable Boolean hasRegularDoctor, @Nullable SessionDetails.Agreement roleStrengthened) {

        public Session(Instant start, String residence, SessionDetails.RecourseReason reason,
                @Nullable Integer satisfaction) {
            this(start, residence, reason, satisfaction, PatientProfile.AgeBand.AGE_45_59, PatientProfile.Sex.FEMALE,
                    null, null);
        }

        /** The same session, with the professional's answer. */
        public Session answered(SessionDetails.Agreement answer) {
            return new Session(start, residence, reason, satisfaction, ageBand, sex, hasRegularDoctor, answer);
        }
    }

    private final MessageProcessor processor;
    private final TransactionOperations<Connection> transactions;
    private long sequence = 1;

    public SessionFixture(MessageProcessor processor, TransactionOperations<Connection> transactions) {
        this.processor = processor;
        this.transactions = transactions;
    }

    /** A site's birth: it exists with its kind, commune and (when given) coordinates. */
    public void site(String siteId, SiteKind kind, String insee, @Nullable Double lat, @Nullable Double lon) {
        apply(new StateMessage(1, UUID.randomUUID(), siteId, Instant.now(), 1, 0, ConnectionState.ONLINE,
                new SiteDescriptor("Site " + insee, kind, insee, lat, lon), "test"));
    }

    public void sessions(String siteId, List<Session> sessions) {
        for (Session s : sessions) {
            apply(new SessionEvent(1, UUID.randomUUID(), siteId, s.start().plusSeconds(1800), 1, sequence++,
                    UUID.randomUUID(), SessionEvent.Type.COMPLETED, new SessionDetails(s.start(),
                            s.start().plusSeconds(900), SessionDetails.ProfessionalRole.NURSE, null, s.reason(),
                            new PatientProfile(s.ageBand(), s.sex(), s.residence(), s.hasRegularDoctor()),
                            List.of(), SessionDetails.Outcome.ADVICE_ONLY, s.satisfaction(), s.roleStrengthened())));
        }
    }

    private void apply(SiteMessage message) {
        IngestMetrics.Outcome outcome = transactions.executeWrite(status -> processor.process(message, Instant.now()));
        if (outcome != IngestMetrics.Outcome.APPLIED) {
            throw new IllegalStateException("fixture message not applied (" + outcome + "): " + message);
        }
    }

    /** {@code count} copies of a session. */
    public static List<Session> times(int count, Session session) {
        return Collections.nCopies(count, session);
    }
}
