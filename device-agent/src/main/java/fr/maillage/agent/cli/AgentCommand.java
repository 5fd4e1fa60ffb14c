package fr.maillage.agent.cli;

import fr.maillage.agent.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code maillage-agent}: the agent's single entry point. */
@Command(
        name = "maillage-agent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Agent d'un site de téléconsultation assistée Maillage.",
        subcommands = {RunCommand.class, CheckCommand.class, SessionCommand.class, SimulateCommand.class})
public final class AgentCommand {

    /** Exit code of a refused configuration or input: nothing was started or recorded. */
    static final int REFUSED = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new AgentCommand());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println(e.getMessage());
                return REFUSED;
            }
            throw e;
        });
        return line;
    }
}
