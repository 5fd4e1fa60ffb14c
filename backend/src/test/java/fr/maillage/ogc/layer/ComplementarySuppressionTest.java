package fr.maillage.ogc.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ComplementarySuppressionTest {

    @Test
    @DisplayName("a secret count alone in its EPCI gets a complement there, even when its département has another")
    void balancesEveryPublishedTotal() {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        // département 55: A1 (3, secret) and A2 (40) in EPCI A; B1 (4, secret), B2 (25) and B3 (30) in EPCI B
        add(counts, groups, "A1", 3, "d55", "eA");
        add(counts, groups, "A2", 40, "d55", "eA");
        add(counts, groups, "B1", 4, "d55", "eB");
        add(counts, groups, "B2", 25, "d55", "eB");
        add(counts, groups, "B3", 30, "d55", "eB");

        // per département only, two secrets hide each other and nothing more: EPCI A's 43 − 40 would give A1
        assertThat(ComplementarySuppression.hidden(counts, groups)).containsExactlyInAnyOrder("A1", "A2", "B1", "B2");
    }

    @Test
    @DisplayName("nothing secret, nothing hidden; zero is published")
    void zeroAndLargeCountsStay() {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        add(counts, groups, "A", 0, "d52");
        add(counts, groups, "B", 11, "d52");

        assertThat(ComplementarySuppression.hidden(counts, groups)).isEmpty();
    }

    private static void add(Map<String, Long> counts, Map<String, List<String>> groups, String code, long count,
            String... of) {
        counts.put(code, count);
        groups.put(code, List.of(of));
    }
}
