package fr.maillage.territory.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Spearman's rank correlation: Pearson's correlation of the ranks, ties taking their average rank. */
public final class RankCorrelation {

    private RankCorrelation() {}

    /**
     * @param rho the coefficient, null with fewer than 3 pairs or when one variable is constant
     * @param n the number of pairs
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Result(@Nullable Double rho, int n) {}

    public static Result spearman(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " and " + y.length);
        }
        if (x.length < 3) {
            return new Result(null, x.length);
        }
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElseThrow();
        double my = Arrays.stream(ry).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return new Result(sxx == 0 || syy == 0 ? null : sxy / Math.sqrt(sxx * syy), x.length);
    }

    /** Ranks from 1, ties sharing the mean of the ranks they span. */
    static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }
}
