package fr.maillage.study;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/** 95 % confidence intervals of a proportion and of a mean. */
final class ConfidenceIntervals {

    static final double LEVEL = 0.95;
    private static final double Z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - LEVEL) / 2);

    /** An interval's two ends. */
    record Interval(double low, double high) {}

    private ConfidenceIntervals() {}

    /**
     * Wilson's score interval for {@code successes} out of {@code n} (E. B. Wilson, "Probable inference, the law of
     * succession, and statistical inference", JASA 22 (1927) 209–212; recommended over the Wald interval by Brown,
     * Cai and DasGupta, Statistical Science 16 (2001) 101–133): it stays within [0, 1] and keeps its coverage
     * near 0 and 1, where a proportion like 93 % lies.
     */
    static Interval wilson(long successes, long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a proportion needs at least one observation");
        }
        double p = (double) successes / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * Student's t interval of a mean from its n, sum and sum of squares: mean ± t(0.975, n − 1) × s / √n, s the
     * sample standard deviation. Null below two observations, where no spread can be estimated.
     */
    static Interval mean(long n, double sum, double sumOfSquares) {
        if (n < 2) {
            return null;
        }
        double mean = sum / n;
        double variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
        double half = t * Math.sqrt(variance / n);
        return new Interval(mean - half, mean + half);
    }
}
