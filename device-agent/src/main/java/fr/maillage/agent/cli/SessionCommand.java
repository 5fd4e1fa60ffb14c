package fr.maillage.agent.cli;

import fr.maillage.agent.commune.CommuneDirectory;
import fr.maillage.agent.config.ConfigFile;
import fr.maillage.agent.config.SiteConfiguration;
import fr.maillage.agent.outbox.Outbox;
import fr.maillage.agent.session.SessionDesk;
import fr.maillage.agent.session.SessionEvents;
import fr.maillage.agent.session.SessionRegister;
import fr.maillage.agent.session.SessionRequest;
import fr.maillage.agent.session.SessionValidator;
import fr.maillage.agent.session.Validation;
import fr.maillage.contract.WireCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code session start|end|cancel}: records a session step in the site's outbox. SQLite lets this process
 * write beside a running agent, which publishes the row within a second; a stopped agent publishes it at
 * its next start.
 */
@Command(
        name = "session",
        mixinStandardHelpOptions = true,
        description = "Enregistre une séance de téléconsultation (début, fin, annulation).",
        subcommands = {SessionCommand.Start.class, SessionCommand.End.class, SessionCommand.Cancel.class})
final class SessionCommand {

    /** Options every step shares. */
    abstract static class Step implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, description = "Fichier de configuration YAML de l'agent.")
        Path config;

        @Option(names = "--session", description = "Identifiant de la séance (UUID).")
        String session;

        @Option(names = "--started-at", description = "Début, ISO-8601 UTC (par défaut : maintenant, ou le début enregistré).")
        String startedAt;

        @Option(names = "--professional", description = "NURSE, PHARMACIST ou OTHER.")
        String professional;

        @Option(names = "--specialty", description = "Spécialité du médecin téléconsultant.")
        String specialty;

        abstract SessionRequest request();

        @Override
        public Integer call() {
            SiteConfiguration site = ConfigFile.load(config);
            var agent = site.agent();
            try (Outbox outbox = Outbox.open(agent.dataDir(), agent.outbox(), new WireCodec());
                    SessionRegister register = SessionRegister.open(agent.dataDir())) {
                long connSeq = outbox.currentConnSeq();
                SessionDesk desk = new SessionDesk(
                        new SessionValidator(CommuneDirectory.shipped(), Clock.systemUTC()),
                        register,
                        (type, id, details) -> SessionEvents.append(
                                outbox, agent.siteId(), Clock.systemUTC(), connSeq, type, id, details));
                Validation validation = desk.submit(request());
                if (validation instanceof Validation.Invalid invalid) {
                    spec.commandLine().getErr().print("Saisie refusée, à corriger :\n" + invalid.describe());
                    return AgentCommand.REFUSED;
                }
                Validation.Valid valid = (Validation.Valid) validation;
                spec.commandLine().getOut().println(valid.type() + " " + valid.sessionId());
                return 0;
            }
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Début de séance ; affiche son identifiant.")
    static final class Start extends Step {

        @Override
        SessionRequest request() {
            return new SessionRequest("start", session, startedAt, null, professional, specialty, null, null, null,
                    null, null, List.of(), null, null, null);
        }
    }

    @Command(name = "end", mixinStandardHelpOptions = true, description = "Fin de séance, avec ce que l'évaluation demande.")
    static final class End extends Step {

        @Option(names = "--ended-at", description = "Fin, ISO-8601 UTC (par défaut : maintenant).")
        String endedAt;

        @Option(names = "--reason", description = "Motif de recours (NO_REGULAR_DOCTOR, NO_APPOINTMENT_IN_TIME…).")
        String reason;

        @Option(names = "--age-band", description = "Tranche d'âge (AGE_0_14 … AGE_90_PLUS).")
        String ageBand;

        @Option(names = "--sex", description = "FEMALE, MALE, OTHER ou UNKNOWN.")
        String sex;

        @Option(names = "--commune", description = "Commune de résidence : nom ou code INSEE.")
        String commune;

        @Option(names = "--regular-doctor", description = "Médecin traitant déclaré : oui, non ou inconnu.")
        String regularDoctor;

        @Option(names = "--devices", split = ",", description = "Périphériques utilisés (CAMERA,STETHOSCOPE…).")
        List<String> devices = new ArrayList<>();

        @Option(names = "--outcome", description = "Issue (PRESCRIPTION, ADVICE_ONLY, REFERRAL…).")
        String outcome;

        @Option(names = "--satisfaction", description = "Satisfaction du patient, de 0 à 10.")
        String satisfaction;

        @Option(names = "--role-strengthened", description = "Le professionnel : cette pratique renforce mon rôle"
                + " (STRONGLY_DISAGREE, DISAGREE, NEITHER_AGREE_NOR_DISAGREE, AGREE, STRONGLY_AGREE).")
        String roleStrengthened;

        @Override
        SessionRequest request() {
            return new SessionRequest("end", session, startedAt, endedAt, professional, specialty, reason, ageBand,
                    sex, commune, regularDoctor, devices, outcome, satisfaction, roleStrengthened);
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Annulation d'une séance.")
    static final class Cancel extends Step {

        @Option(names = "--ended-at", description = "Heure d'annulation, ISO-8601 UTC (par défaut : maintenant).")
        String endedAt;

        @Override
        SessionRequest request() {
            return new SessionRequest("cancel", session, startedAt, endedAt, professional, specialty, null, null, null,
                    null, null, List.of(), null, null, null);
        }
    }
}
