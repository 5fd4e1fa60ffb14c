package fr.maillage.agent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JVM started from the shaded jar, with its output kept and its CPU and memory read from /proc. */
final class ChildProcess implements AutoCloseable {

    /** Linux's USER_HZ: /proc/[pid]/stat counts CPU time in these ticks. */
    private static final double TICKS_PER_SECOND = 100;

    private final Process process;
    private final long startedNanos = System.nanoTime();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    ChildProcess(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("output closed: " + e.getMessage());
            }
        });
    }

    /** Milliseconds from the start of the process until {@code count} output lines match. */
    long awaitLines(Predicate<String> match, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lines.stream().filter(match).count() < count) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                Thread.sleep(200);
                throw new IllegalStateException("child did not print the expected lines; last ones: "
                        + lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Output lines so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for the process to end by itself. */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("child still running after " + timeout + "; last lines: " + lines());
        }
    }

    /** CPU seconds (user + system) used so far. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The file-backed part of the resident set (mapped libraries, the JDK's and the agent's class archives). */
    double rssFileMiB() throws IOException {
        return statusField("RssFile:") / 1024.0;
    }

    /** Resident set size, in MiB. */
    double rssMiB() throws IOException {
        return statusField("VmRSS:") / 1024.0;
    }

    long threads() throws IOException {
        return statusField("Threads:");
    }

    private long statusField(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(name + " not in /proc status");
    }

    /** Stops it as systemd would: SIGTERM, then SIGKILL after a grace period. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
