package fr.maillage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What an on-demand benchmark measured: one row per measured operation (p50, p95, max over its runs), printed as
 * a table and written as CSV under {@code target/benchmarks/}, with the load average seen while measuring (other
 * builds share this machine's cores).
 */
public final class BenchmarkReport {

    private record Row(String name, int runs, double p50, double p95, double max, String target) {}

    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public BenchmarkReport(String title) {
        this.title = title;
    }

    /** Adds an operation from its run times in milliseconds. */
    public BenchmarkReport add(String name, double[] millis, String target) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        rows.add(new Row(name, sorted.length, percentile(sorted, 50), percentile(sorted, 95),
                sorted[sorted.length - 1], target));
        return this;
    }

    /** A line printed under the table and kept as a comment in the CSV (volumes, load times, load average). */
    public BenchmarkReport note(String note) {
        notes.add(note);
        return this;
    }

    /** The 1-minute load average now, as the kernel reports it. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Prints the table and writes {@code target/benchmarks/<file>.csv}. */
    public Path publish(String file) {
        StringBuilder table = new StringBuilder("\n" + title + "\n");
        table.append(String.format(Locale.ROOT, "%-58s %5s %10s %10s %10s  %s%n", "operation", "runs", "p50 ms",
                "p95 ms", "max ms", "target"));
        StringBuilder csv = new StringBuilder();
        notes.forEach(n -> csv.append("# ").append(n).append('\n'));
        csv.append("operation,runs,p50_ms,p95_ms,max_ms,target\n");
        for (Row r : rows) {
            table.append(String.format(Locale.ROOT, "%-58s %5d %10.1f %10.1f %10.1f  %s%n", r.name(), r.runs(),
                    r.p50(), r.p95(), r.max(), r.target()));
            csv.append(String.format(Locale.ROOT, "\"%s\",%d,%.1f,%.1f,%.1f,\"%s\"%n", r.name(), r.runs(), r.p50(),
                    r.p95(), r.max(), r.target()));
        }
        notes.forEach(n -> table.append("  ").append(n).append('\n'));
        System.out.println(table);
        try {
            Path out = Path.of("target", "benchmarks", file + ".csv");
            Files.createDirectories(out.getParent());
            Files.writeString(out, csv);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
