package fr.maillage.agent.cli;

import fr.maillage.agent.SiteAgent;
import fr.maillage.agent.commune.CommuneDirectory;
import fr.maillage.agent.config.ConfigFile;
import fr.maillage.agent.config.SiteConfiguration;
import fr.maillage.agent.session.SessionDesk;
import fr.maillage.agent.session.SessionFormServer;
import fr.maillage.agent.session.SessionRegister;
import fr.maillage.agent.session.SessionValidator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the agent and its session form until the process is told to stop (SIGTERM, Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Lance l'agent du site.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "Fichier de configuration YAML.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        SiteConfiguration site = ConfigFile.load(config);
        SiteAgent agent = SiteAgent.start(site.agent());
        SessionRegister register = SessionRegister.open(site.agent().dataDir());
        SessionFormServer form = site.form().enabled()
                ? SessionFormServer.start(site.form().port(), site.agent().site().name(),
                        new SessionDesk(new SessionValidator(CommuneDirectory.shipped(), Clock.systemUTC()), register,
                                agent::record),
                        CommuneDirectory.shipped())
                : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (form != null) {
                form.close();
            }
            agent.close();
            register.close();
            stopped.countDown();
        }, "agent-stop"));
        stopped.await();
        return 0;
    }
}
