package fr.maillage.agent.cli;

import fr.maillage.agent.config.ConfigFile;
import fr.maillage.agent.config.SiteConfiguration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reads the configuration file and says whether the agent would start with it. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Vérifie un fichier de configuration.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "Fichier de configuration YAML.")
    Path config;

    @Override
    public Integer call() {
        SiteConfiguration site = ConfigFile.load(config);
        spec.commandLine().getOut().printf("configuration valide : site %s (%s), %d sonde(s) en plus de l'agent et du disque, broker %s%n",
                site.agent().siteId(), site.agent().site().name(), site.agent().probes().size(),
                site.agent().broker().uris());
        return 0;
    }
}
