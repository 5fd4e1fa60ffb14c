package fr.maillage.agent.cli;

import fr.maillage.agent.simulator.FleetSimulator;
import fr.maillage.agent.simulator.SessionRate;
import fr.maillage.agent.simulator.SimulationSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;

/** Runs a fleet of virtual sites against a broker until the process is stopped. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simule un parc de sites (52, 54, 55) connectés à un broker.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--broker", required = true, description = "URI du broker, par exemple tcp://127.0.0.1:1883.")
    String broker;

    @Option(names = "--sites", defaultValue = "20", description = "Nombre de sites (défaut : ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--speed", defaultValue = "60",
            description = "Accélération du temps ; 60 = une heure simulée par minute (défaut : ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "1", description = "Graine ; la même graine rejoue la même simulation.")
    long seed;

    @Option(names = "--rate", defaultValue = "3.75/day", converter = RateConverter.class,
            description = "Séances par site : par jour d'ouverture (4/day) ou par heure d'ouverture (0.5/h), "
                    + "moyenne du parc (défaut : ${DEFAULT-VALUE}).")
    SessionRate rate;

    @Option(names = "--work-dir", defaultValue = "simulation", description = "Répertoire des outbox des sites.")
    Path workDirectory;

    /** Turns {@code --rate} into a {@link SessionRate}; picocli reports the message of a bad value. */
    static final class RateConverter implements ITypeConverter<SessionRate> {

        @Override
        public SessionRate convert(String value) {
            try {
                return SessionRate.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        FleetSimulator fleet = FleetSimulator.start(new SimulationSettings(
                broker, sites, speed, seed, workDirectory, Instant.now(), rate));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stopped.countDown();
        }, "simulation-stop"));
        stopped.await();
        return 0;
    }
}
