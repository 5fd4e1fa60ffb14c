package fr.maillage.agent.session;

import fr.maillage.agent.commune.Commune;
import fr.maillage.agent.commune.CommuneDirectory;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionDetails.ProfessionalRole;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.WireMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a session step typed at the site (CLI or form) and turns it into the event to record, or into the
 * list of what to fix, in French. The last check is the wire contract itself.
 */
public final class SessionValidator {

    /** Tolerance for a clock a little ahead of the agent's. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final CommuneDirectory communes;
    private final Clock clock;

    public SessionValidator(CommuneDirectory communes, Clock clock) {
        this.communes = communes;
        this.clock = clock;
    }

    public Validation validate(SessionRequest request, Function<UUID, Optional<OpenSession>> register) {
        List<Problem> problems = new ArrayList<>();
        String action = blank(request.action()) ? "" : request.action().trim().toLowerCase(Locale.ROOT);
        Validation result = switch (action) {
            case "start" -> start(request, problems);
            case "end" -> end(request, register, problems);
            case "cancel" -> cancel(request, register, problems);
            default -> {
                problems.add(new Problem("action", "choisissez start, end ou cancel"));
                yield null;
            }
        };
        if (!problems.isEmpty()) {
            return new Validation.Invalid(problems);
        }
        Validation.Valid valid = (Validation.Valid) result;
        SessionEvent probe = new SessionEvent(WireMessage.SCHEMA_VERSION, UUID.randomUUID(), "local-check",
                clock.instant(), 0, 0, valid.sessionId(), valid.type(), valid.details());
        return SessionEvents.contractViolation(probe)
                .<Validation>map(detail -> new Validation.Invalid(List.of(new Problem("", "refusé par le contrat : " + detail))))
                .orElse(valid);
    }

    private Validation start(SessionRequest r, List<Problem> problems) {
        UUID id = blank(r.sessionId()) ? UUID.randomUUID() : uuid("session", r.sessionId(), problems);
        Instant startedAt = blank(r.startedAt()) ? clock.instant() : instant("started-at", r.startedAt(), problems);
        ProfessionalRole professional = choice("professional", r.professional(), ProfessionalRole.class, true, problems);
        SessionDetails.PhysicianSpecialty specialty =
                choice("specialty", r.specialty(), SessionDetails.PhysicianSpecialty.class, false, problems);
        notYet(r, problems);
        return new Validation.Valid(SessionEvent.Type.STARTED, id,
                new SessionDetails(startedAt, null, professional, specialty, null, null, List.of(), null, null));
    }

    private Validation end(SessionRequest r, Function<UUID, Optional<OpenSession>> register, List<Problem> problems) {
        UUID id = requiredSession(r, problems);
        Optional<OpenSession> open = id == null ? Optional.empty() : register.apply(id);
        Instant startedAt = startedAt(r, open, problems);
        Instant endedAt = blank(r.endedAt()) ? clock.instant() : instant("ended-at", r.endedAt(), problems);
        ProfessionalRole professional = professional(r, open, problems);
        var specialty = choice("specialty", r.specialty(), SessionDetails.PhysicianSpecialty.class, false, problems);
        var reason = choice("reason", r.reason(), SessionDetails.RecourseReason.class, true, problems);
        var ageBand = choice("age-band", r.ageBand(), PatientProfile.AgeBand.class, false, problems);
        var sex = choice("sex", r.sex(), PatientProfile.Sex.class, false, problems);
        String residence = commune(r.commune(), problems);
        Boolean regularDoctor = yesNo("regular-doctor", r.regularDoctor(), problems);
        List<DeviceKind> devices = devices(r.devices(), problems);
        var outcome = choice("outcome", r.outcome(), SessionDetails.Outcome.class, true, problems);
        Integer satisfaction = satisfaction(r.satisfaction(), problems);
        var roleStrengthened = choice("role-strengthened", r.roleStrengthened(), SessionDetails.Agreement.class, false,
                problems);
        if (startedAt != null && endedAt != null && endedAt.isBefore(startedAt)) {
            problems.add(new Problem("ended-at", "la fin (" + endedAt + ") précède le début (" + startedAt + ")"));
        }
        return new Validation.Valid(SessionEvent.Type.COMPLETED, id, new SessionDetails(startedAt, endedAt,
                professional, specialty, reason, new PatientProfile(ageBand, sex, residence, regularDoctor), devices,
                outcome, satisfaction, roleStrengthened));
    }

    private Validation cancel(SessionRequest r, Function<UUID, Optional<OpenSession>> register, List<Problem> problems) {
        UUID id = requiredSession(r, problems);
        Optional<OpenSession> open = id == null ? Optional.empty() : register.apply(id);
        Instant endedAt = blank(r.endedAt()) ? clock.instant() : instant("ended-at", r.endedAt(), problems);
        notYet(r, problems);
        if (open.isEmpty() && blank(r.startedAt())) {
            return new Validation.Valid(SessionEvent.Type.CANCELLED, id, null);
        }
        Instant startedAt = startedAt(r, open, problems);
        ProfessionalRole professional = professional(r, open, problems);
        return new Validation.Valid(SessionEvent.Type.CANCELLED, id,
                new SessionDetails(startedAt, endedAt, professional, null, null, null, List.of(), null, null));
    }

    /** Fields that only make sense once a consultation has taken place. */
    private static void notYet(SessionRequest r, List<Problem> problems) {
        if (!blank(r.reason()) || !blank(r.ageBand()) || !blank(r.sex()) || !blank(r.commune())
                || !blank(r.regularDoctor()) || !r.devices().isEmpty() || !blank(r.outcome())
                || !blank(r.satisfaction()) || !blank(r.roleStrengthened())) {
            problems.add(new Problem("action", "motif, patient, périphériques, issue, satisfaction et avis du"
                    + " professionnel se saisissent à la fin (end)"));
        }
    }

    private static UUID requiredSession(SessionRequest r, List<Problem> problems) {
        if (blank(r.sessionId())) {
            problems.add(new Problem("session", "indiquez l'identifiant de la séance"));
            return null;
        }
        return uuid("session", r.sessionId(), problems);
    }

    private Instant startedAt(SessionRequest r, Optional<OpenSession> open, List<Problem> problems) {
        if (!blank(r.startedAt())) {
            return instant("started-at", r.startedAt(), problems);
        }
        if (open.isPresent()) {
            return open.get().startedAt();
        }
        problems.add(new Problem("started-at", "séance inconnue ici : indiquez l'heure de début"));
        return null;
    }

    private static ProfessionalRole professional(SessionRequest r, Optional<OpenSession> open, List<Problem> problems) {
        if (blank(r.professional()) && open.isPresent()) {
            return open.get().professional();
        }
        return choice("professional", r.professional(), ProfessionalRole.class, true, problems);
    }

    private String commune(String typed, List<Problem> problems) {
        if (blank(typed)) {
            return null;
        }
        List<Commune> found = communes.find(typed);
        if (found.isEmpty()) {
            if (typed.trim().matches("[0-9]{5}|2[AB][0-9]{3}")) {
                return typed.trim();
            }
            problems.add(new Problem("commune", "commune inconnue : « " + typed.trim()
                    + " » ; choisissez-la dans la liste ou donnez son code INSEE"));
            return null;
        }
        if (found.size() > 1) {
            problems.add(new Problem("commune", "plusieurs communes portent ce nom : "
                    + found.stream().map(Commune::label).collect(Collectors.joining(", ")) + " ; précisez laquelle"));
            return null;
        }
        return found.getFirst().inseeCode();
    }

    private static List<DeviceKind> devices(List<String> typed, List<Problem> problems) {
        Set<DeviceKind> devices = new LinkedHashSet<>();
        for (String text : typed) {
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    DeviceKind kind = choice("devices", item, DeviceKind.class, false, problems);
                    if (kind != null && !Labels.PERIPHERALS.contains(kind)) {
                        problems.add(new Problem("devices", kind + " n'est pas un périphérique médical"));
                    } else if (kind != null) {
                        devices.add(kind);
                    }
                }
            }
        }
        return List.copyOf(devices);
    }

    private static Integer satisfaction(String text, List<Problem> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0 && value <= 10) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        problems.add(new Problem("satisfaction", "la satisfaction est un nombre entier de 0 à 10"));
        return null;
    }

    private static Boolean yesNo(String field, String text, List<Problem> problems) {
        if (blank(text)) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "oui", "yes", "true", "o", "y" -> true;
            case "non", "no", "false", "n" -> false;
            case "inconnu", "unknown", "?" -> null;
            default -> {
                problems.add(new Problem(field, "répondez oui, non ou inconnu"));
                yield null;
            }
        };
    }

    private Instant instant(String field, String text, List<Problem> problems) {
        try {
            Instant instant = Instant.parse(text.trim());
            if (instant.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
                problems.add(new Problem(field, "cette heure est dans le futur : " + text.trim()));
            }
            return instant;
        } catch (DateTimeParseException e) {
            problems.add(new Problem(field, "heure illisible « " + text.trim()
                    + " » : format ISO-8601 en UTC, par exemple 2026-03-14T09:30:00Z"));
            return null;
        }
    }

    private static UUID uuid(String field, String text, List<Problem> problems) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(field, "identifiant de séance illisible : « " + text.trim() + " »"));
            return null;
        }
    }

    private static <E extends Enum<E>> E choice(
            String field, String text, Class<E> type, boolean required, List<Problem> problems) {
        if (blank(text)) {
            if (required) {
                problems.add(new Problem(field, "à renseigner : " + Labels.choices(type)));
            }
            return null;
        }
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        problems.add(new Problem(field, "valeur inconnue « " + text.trim() + " » ; possibles : " + Labels.choices(type)));
        return null;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
