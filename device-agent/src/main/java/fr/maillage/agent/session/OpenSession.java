package fr.maillage.agent.session;

import fr.maillage.contract.SessionDetails.ProfessionalRole;
import java.time.Instant;
import java.util.UUID;

/**
 * A session started at this site and not yet ended or cancelled.
 *
 * @param sessionId its id
 * @param startedAt when it started
 * @param professional who assists the patient
 */
public record OpenSession(UUID sessionId, Instant startedAt, ProfessionalRole professional) {}
