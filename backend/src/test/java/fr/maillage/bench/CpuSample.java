package fr.maillage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU time used so far by the whole machine and by the processes of a run (Linux {@code /proc}, in clock ticks of
 * 1/100 s), so that a phase can say where its cores went — and how much other work shared them.
 */
record CpuSample(long nanos, long machineBusy, long machineTotal, long backends, long broker, long postgres) {

    private static final double TICKS_PER_SECOND = 100;

    static CpuSample now(Collection<Long> backendPids, long brokerPid) {
        long backends = 0;
        for (long pid : backendPids) {
            backends += ticks(pid);
        }
        long[] machine = machine();
        return new CpuSample(System.nanoTime(), machine[0], machine[1], backends,
                brokerPid > 0 ? ticks(brokerPid) : 0, postgresTicks());
    }

    /** Cores used between {@code before} and this sample: machine (busy / all), backends, broker, PostgreSQL. */
    String since(CpuSample before) {
        double seconds = (nanos - before.nanos) / 1e9;
        double machineShare = (double) (machineBusy - before.machineBusy) / Math.max(1, machineTotal - before.machineTotal);
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "machine %.2f of %d, backends %.2f, broker %.2f, postgres (all) %.2f",
                machineShare * cores, cores,
                (backends - before.backends) / TICKS_PER_SECOND / seconds,
                (broker - before.broker) / TICKS_PER_SECOND / seconds,
                (postgres - before.postgres) / TICKS_PER_SECOND / seconds);
    }

    /** Busy and total ticks of all CPUs ({@code /proc/stat}: user nice system idle iowait irq softirq steal). */
    private static long[] machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                long value = Long.parseLong(fields[i]);
                total += value;
                if (i == 4 || i == 5) {
                    idle += value;
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException notLinux) {
            return new long[] {0, 0};
        }
    }

    /** utime + stime of a process, or 0 once it is gone. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** Every PostgreSQL process of the machine: the server is shared, so other databases' work is included. */
    private static long postgresTicks() {
        long total = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    if (Files.readString(process.resolve("comm")).trim().equals("postgres")) {
                        total += ticks(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // Exited meanwhile.
                }
            }
        } catch (IOException notLinux) {
            return 0;
        }
        return total;
    }
}
