package fr.maillage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One read of backends' {@code /prometheus}, summed over the instances: counters of committed messages and the
 * histogram of publish-to-commit age, from which percentiles are computed as Prometheus's
 * {@code histogram_quantile} does (linear within a bucket).
 */
record Scrape(Map<String, Double> series) {

    static Scrape parse(List<String> bodies) {
        Map<String, Double> sums = new TreeMap<>();
        for (String body : bodies) {
            for (String line : body.split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                sums.merge(line.substring(0, space), Double.parseDouble(line.substring(space + 1)), Double::sum);
            }
        }
        return new Scrape(sums);
    }

    /** The sum of every series of {@code metric} whose labels contain all of {@code labels}. */
    double sum(String metric, String... labels) {
        double total = 0;
        for (var entry : series.entrySet()) {
            if (matches(entry.getKey(), metric, labels)) {
                total += entry.getValue();
            }
        }
        return total;
    }

    /** Messages of a channel with a committed outcome: applied, duplicate or stale. */
    double committed(String channel) {
        return sum("maillage_ingest_messages_total", "channel=\"" + channel + "\"");
    }

    /** Messages of any channel kept in the dead letter, or refused by it (they are settled too). */
    double settledAside() {
        return sum("maillage_ingest_dead_letters_total") + sum("maillage_ingest_unstored_total");
    }

    /** Encounters the backends ran through the validator in full (shape cache misses). */
    double validations() {
        return sum("maillage_encounter_validations_total");
    }

    /** The cumulative age histogram of a channel: upper bound in seconds → count. */
    TreeMap<Double, Double> ageBuckets(String channel) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        String prefix = "maillage_ingest_age_seconds_bucket{";
        for (var entry : series.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(prefix) && key.contains("channel=\"" + channel + "\"")) {
                String le = key.substring(key.indexOf("le=\"") + 4, key.indexOf('"', key.indexOf("le=\"") + 4));
                buckets.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                        entry.getValue(), Double::sum);
            }
        }
        return buckets;
    }

    /** The q-quantile in milliseconds of what was recorded between {@code before} and {@code after}. */
    static double quantileMs(TreeMap<Double, Double> before, TreeMap<Double, Double> after, double q) {
        List<double[]> buckets = new ArrayList<>();
        for (var entry : after.entrySet()) {
            buckets.add(new double[] {entry.getKey(), entry.getValue() - before.getOrDefault(entry.getKey(), 0.0)});
        }
        double total = buckets.isEmpty() ? 0 : buckets.getLast()[1];
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lower = 0;
        double below = 0;
        for (double[] bucket : buckets) {
            if (bucket[1] >= rank) {
                if (Double.isInfinite(bucket[0])) {
                    return lower * 1000;
                }
                double inBucket = bucket[1] - below;
                double fraction = inBucket == 0 ? 1 : (rank - below) / inBucket;
                return (lower + (bucket[0] - lower) * fraction) * 1000;
            }
            lower = bucket[0];
            below = bucket[1];
        }
        return lower * 1000;
    }

    private static boolean matches(String series, String metric, String... labels) {
        if (!series.equals(metric) && !series.startsWith(metric + "{")) {
            return false;
        }
        for (String label : labels) {
            if (!series.contains(label)) {
                return false;
            }
        }
        return true;
    }
}
