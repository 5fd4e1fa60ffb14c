package fr.maillage.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfidenceIntervalsTest {

    @Test
    @DisplayName("Wilson's interval matches the closed formula, and stays in [0, 1] at the edges")
    void wilsonInterval() {
        // values from Wilson's formula with z = 1.959964, worked out independently of this code
        ConfidenceIntervals.Interval emeuse = ConfidenceIntervals.wilson(83, 89);
        assertThat(emeuse.low()).isCloseTo(0.860632239, within(1e-9));
        assertThat(emeuse.high()).isCloseTo(0.968738615, within(1e-9));
        // 0 of 20: the "rule of three"-like upper bound Wilson gives, 0.1611 in published tables
        assertThat(ConfidenceIntervals.wilson(0, 20).low()).isZero();
        assertThat(ConfidenceIntervals.wilson(0, 20).high()).isCloseTo(0.161125158, within(1e-9));
        assertThat(ConfidenceIntervals.wilson(20, 20).high()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("the mean's interval is mean ± t(0.975, n−1) s/√n, with t(0.975, 19) = 2.0930")
    void studentInterval() {
        // eleven answers of 9 and nine of 10: mean 9.45, s = 0.510418
        ConfidenceIntervals.Interval ci = ConfidenceIntervals.mean(20, 11 * 9 + 9 * 10, 11 * 81 + 9 * 100);
        assertThat(ci.low()).isCloseTo(9.211117123, within(1e-8));
        assertThat(ci.high()).isCloseTo(9.688882877, within(1e-8));
        assertThat(ConfidenceIntervals.mean(1, 9, 81)).isNull();
    }
}
