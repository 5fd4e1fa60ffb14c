package fr.maillage.agent.probe;

import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

/** Runs a check command and reads its verdict from the exit code. */
final class CommandProbe implements Probe {

    /** Output beyond this is not read: only the first line is reported. */
    private static final int MAX_OUTPUT = 4096;

    private final CommandProbeConfig config;

    CommandProbe(CommandProbeConfig config) {
        this.config = config;
    }

    @Override
    public ProbeReading read() {
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(config.command()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return reading(Health.DOWN, "cannot run " + config.command().getFirst() + ": " + e.getMessage(), Map.of());
        }
        // Read while the command runs: a chatty command would otherwise block on a full pipe.
        CompletableFuture<String> output =
                CompletableFuture.supplyAsync(() -> head(process), task -> Thread.ofVirtual().start(task));
        try {
            process.getOutputStream().close();
            if (!process.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return reading(Health.DOWN, "no answer within " + config.timeout().toMillis() + " ms", Map.of());
            }
            int exit = process.exitValue();
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            Health health = exit == 0 ? Health.OK : exit == 1 ? Health.DEGRADED : Health.DOWN;
            String line = HttpHealthProbe.firstLine(output.get(1, TimeUnit.SECONDS));
            return reading(health, line.isEmpty() ? "exit code " + exit : line,
                    Map.of("exitCode", (double) exit, "durationMs", millis));
        } catch (IOException | ExecutionException | TimeoutException e) {
            return reading(Health.DOWN, "cannot read the output: " + e.getMessage(), Map.of());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return reading(Health.DOWN, "interrupted", Map.of());
        }
    }

    /** The first bytes of the output; the rest is drained so the command can finish. */
    private static String head(Process process) {
        try (InputStream out = process.getInputStream()) {
            String head = new String(out.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
            out.transferTo(OutputStream.nullOutputStream());
            return head;
        } catch (IOException e) {
            return "";
        }
    }

    private ProbeReading reading(Health health, String detail, Map<String, Double> measurements) {
        return new ProbeReading(config.id(), config.kind(), health, detail, measurements);
    }
}
