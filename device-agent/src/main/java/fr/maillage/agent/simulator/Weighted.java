package fr.maillage.agent.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** A discrete distribution: picks an item with probability proportional to its weight. */
final class Weighted<T> {

    private final List<T> items;
    private final double[] cumulative;

    private Weighted(List<T> items, double[] cumulative) {
        this.items = items;
        this.cumulative = cumulative;
    }

    static <T> Weighted<T> of(Map<T, ? extends Number> weights) {
        List<T> items = new ArrayList<>();
        double[] cumulative = new double[weights.size()];
        double total = 0;
        int i = 0;
        for (var entry : weights.entrySet()) {
            total += entry.getValue().doubleValue();
            items.add(entry.getKey());
            cumulative[i++] = total;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("weights must add up to more than zero");
        }
        return new Weighted<>(List.copyOf(items), cumulative);
    }

    /** Weights given in order: item, weight, item, weight… */
    @SafeVarargs
    static <T> Weighted<T> of(Map.Entry<T, Double>... entries) {
        Map<T, Double> weights = new LinkedHashMap<>();
        for (var entry : entries) {
            weights.put(entry.getKey(), entry.getValue());
        }
        return of(weights);
    }

    T pick(RandomGenerator random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > x) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return items.get(low);
    }
}
