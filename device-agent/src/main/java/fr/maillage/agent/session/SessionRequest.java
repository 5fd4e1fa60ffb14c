package fr.maillage.agent.session;

import java.util.List;

/**
 * A session step as typed by a person, in the CLI or the form: raw text, checked by {@link SessionValidator}.
 * Blank means "not given".
 *
 * @param action {@code start}, {@code end} or {@code cancel}
 * @param sessionId the session, for end and cancel (a new one is drawn at start when blank)
 * @param startedAt ISO-8601 instant; defaults to now at start and to the registered start afterwards
 * @param endedAt ISO-8601 instant; defaults to now at end and cancel
 * @param professional {@code NURSE}, {@code PHARMACIST} or {@code OTHER}
 * @param specialty the remote doctor's specialty
 * @param reason the recourse reason
 * @param ageBand the patient's age band
 * @param sex the patient's sex
 * @param commune the commune of residence: a name, a label "Name (code)" or an INSEE code
 * @param regularDoctor yes/no (oui/non, true/false)
 * @param devices peripherals used
 * @param outcome what the consultation led to
 * @param satisfaction 0 to 10
 * @param roleStrengthened the professional's agreement with "this practice strengthens my role" (a
 *     {@code SessionDetails.Agreement} constant)
 */
public record SessionRequest(
        String action,
        String sessionId,
        String startedAt,
        String endedAt,
        String professional,
        String specialty,
        String reason,
        String ageBand,
        String sex,
        String commune,
        String regularDoctor,
        List<String> devices,
        String outcome,
        String satisfaction,
        String roleStrengthened) {

    public SessionRequest {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }
}
