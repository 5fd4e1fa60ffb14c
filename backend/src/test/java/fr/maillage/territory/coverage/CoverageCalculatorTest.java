package fr.maillage.territory.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoverageCalculatorTest {

    /** 0.1° of latitude ≈ 11.12 km, so communes on one meridian are 11.12 km apart per step. */
    private static Place place(String code, double latitude, long population, Double apl) {
        return new Place(code, "C" + code, "E" + code.charAt(0), population, apl, (double) population, latitude, 5.0);
    }

    // Seven communes on a meridian; radius 12 km reaches the neighbours only.
    private final List<Place> line = List.of(
            place("55001", 48.0, 1_000, 1.0), // need 1000 × 1.5 / 2.5 = 600
            place("55002", 48.1, 500, 2.0), // 100
            place("55003", 48.2, 2_000, 3.0), // not fragile: 0
            place("55004", 48.3, 800, 0.5), // 640
            place("55005", 48.4, 300, 1.5), // 120
            place("55006", 48.5, 1_200, 2.4), // 48
            place("55007", 48.6, 900, 1.25)); // 450

    @Test
    void measuresOneDegreeOfLatitudeAs111Km() {
        assertThat(GreatCircle.km(48, 5, 49, 5)).isCloseTo(111.195, within(0.001));
    }

    @Test
    void countsPopulationWithinTheRadiusOfASite() {
        List<SitePosition> sites = List.of(new SitePosition("s", "CABIN", 48.05, 5.0));

        CoverageCalculator.Summary summary = CoverageCalculator.summary(line, sites, 12);

        // 55001 (5.6 km) and 55002 (5.6 km) are covered; both are fragile
        assertThat(summary.coveredCommunes()).isEqualTo(2);
        assertThat(summary.coveredPopulation()).isEqualTo(1_500);
        assertThat(summary.population()).isEqualTo(6_700);
        assertThat(summary.fragilePopulation()).isEqualTo(4_700);
        assertThat(summary.coveredFragilePopulation()).isEqualTo(1_500);
    }

    @Test
    void ranksUncoveredFragileCommunesByNeed() {
        List<SitePosition> sites = List.of(new SitePosition("s", "CABIN", 48.05, 5.0));

        assertThat(CoverageCalculator.priorities(line, sites, 12))
                .extracting(CoverageCalculator.Priority::code)
                .containsExactly("55004", "55007", "55005", "55006");
    }

    @Test
    void greedyPlacementEqualsTheOptimumOfAnExhaustiveSearch() {
        double radius = 12;
        List<CoverageCalculator.Proposal> greedy = CoverageCalculator.propose(line, line, List.of(), radius, 2);

        double best = 0;
        for (int i = 0; i < line.size(); i++) {
            for (int j = i + 1; j < line.size(); j++) {
                best = Math.max(best, coveredNeed(List.of(line.get(i), line.get(j)), radius));
            }
        }
        // by hand: a site at 55005 reaches 55004-55006 = 640 + 120 + 48 = 808 (55004 reaches only 760); then
        // 55001 reaches 55001-55002 = 700 (55002 too, the smaller code wins the tie): 1,508 in all
        assertThat(greedy).extracting(CoverageCalculator.Proposal::code).containsExactly("55005", "55001");
        assertThat(greedy.getLast().objective()).isCloseTo(best, within(1e-9)).isCloseTo(1_508, within(1e-9));
        assertThat(greedy.getFirst().newlyCovered()).containsExactly("55004", "55005", "55006");
    }

    private double coveredNeed(List<Place> chosen, double radius) {
        Set<String> covered = new HashSet<>();
        double need = 0;
        for (Place site : chosen) {
            for (Place place : line) {
                if (place.km(site.lat(), site.lon()) <= radius && covered.add(place.code())) {
                    need += place.need();
                }
            }
        }
        return need;
    }

    @Test
    void spearmanMatchesAHandComputedValueWithTies() {
        // x ranks 1, 2.5, 2.5, 4; y ranks 1, 3, 2, 4: rho = 4.5 / sqrt(4.5 × 5) = 0.9487
        RankCorrelation.Result result =
                RankCorrelation.spearman(new double[] {1, 2, 2, 3}, new double[] {10, 30, 20, 40});

        assertThat(result.n()).isEqualTo(4);
        assertThat(result.rho()).isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-12));
        assertThat(RankCorrelation.spearman(new double[] {1, 2}, new double[] {2, 1}).rho()).isNull();
    }
}
