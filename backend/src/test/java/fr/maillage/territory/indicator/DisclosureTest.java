package fr.maillage.territory.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.territory.indicator.Disclosure.Cell;
import fr.maillage.territory.indicator.Disclosure.Figure;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DisclosureTest {

    @Test
    void hidesCountsFromOneToTenAndShowsZeroAndEleven() {
        assertThat(Disclosure.count(0)).isEqualTo(new Figure(0.0, false));
        assertThat(Disclosure.count(1)).isEqualTo(new Figure(null, true));
        assertThat(Disclosure.count(10)).isEqualTo(new Figure(null, true));
        assertThat(Disclosure.count(11)).isEqualTo(new Figure(11.0, false));
    }

    @Test
    void hidesAShareWhenTheRestOfTheWholeIsSecret() {
        assertThat(Disclosure.share(15, 20)).isEqualTo(new Figure(null, true)); // 5 others could be recomputed
        assertThat(Disclosure.share(15, 26)).isEqualTo(new Figure(15 / 26.0, false));
        assertThat(Disclosure.share(20, 20)).isEqualTo(new Figure(1.0, false));
    }

    @Test
    void hidesASecondCellWhenOnlyOneCellOfADistributionIsSecret() {
        Map<String, Long> counts = new TreeMap<>(Map.of("A", 40L, "B", 12L, "C", 3L, "D", 0L));

        assertThat(Disclosure.distribution(counts, 55)).containsExactly(
                new Cell("A", 40L, 40 / 55.0, false),
                new Cell("B", null, null, true), // complementary: else 55 - 40 - 0 gives C
                new Cell("C", null, null, true),
                new Cell("D", 0L, 0.0, false));
    }

    @Test
    void needsNoComplementWhenTwoCellsAreAlreadySecret() {
        Map<String, Long> counts = new TreeMap<>(Map.of("A", 40L, "B", 5L, "C", 3L));

        assertThat(Disclosure.distribution(counts, 48)).extracting(Cell::suppressed).containsExactly(false, true, true);
    }
}
