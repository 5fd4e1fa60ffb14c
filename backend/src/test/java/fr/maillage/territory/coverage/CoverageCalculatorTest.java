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

        assertThat(CoverageCalculator.priorities(line, sites, 12, 2))
                .extracting(CoverageCalculator.Priority::code)
                .containsExactly("55004", "55007", "55005", "55006");
    }

    @Test
    void greedyPlacementEqualsTheOptimumOfAnExhaustiveSearch() {
        double radius = 12;
        // no age structure: the weight of older inhabitants changes nothing
        List<CoverageCalculator.Proposal> greedy = CoverageCalculator.propose(line, line, List.of(), radius, 2, 2);

        double best = 0;
        for (int i = 0; i < line.size(); i++) {
            for (int j = i + 1; j < line.size(); j++) {
                best = Math.max(best, coveredNeed(line, List.of(line.get(i), line.get(j)), radius, 2));
            }
        }
        // by hand: a site at 55005 reaches 55004-55006 = 640 + 120 + 48 = 808 (55004 reaches only 760); then
        // 55001 reaches 55001-55002 = 700 (55002 too, the smaller code wins the tie): 1,508 in all
        assertThat(greedy).extracting(CoverageCalculator.Proposal::code).containsExactly("55005", "55001");
        assertThat(greedy.getLast().objective()).isCloseTo(best, within(1e-9)).isCloseTo(1_508, within(1e-9));
        assertThat(greedy.getFirst().newlyCovered()).containsExactly("55004", "55005", "55006");
    }

    private static double coveredNeed(List<Place> communes, List<Place> chosen, double radius, double weight) {
        Set<String> covered = new HashSet<>();
        double need = 0;
        for (Place site : chosen) {
            for (Place place : communes) {
                if (place.km(site.lat(), site.lon()) <= radius && covered.add(place.code())) {
                    need += place.need(weight);
                }
            }
        }
        return need;
    }

    // The same line with INSEE shares of inhabitants aged 65+; with weight 2 the need is the w = 1 need × (1 + share)
    private final List<Place> aged = List.of(
            aged(line.get(0), 0.10), // 600 × 1.1 = 660; 65+: 100
            aged(line.get(1), 0.50), // 100 × 1.5 = 150; 250
            aged(line.get(2), 0.30), // not fragile: 0; 600
            aged(line.get(3), 0.10), // 640 × 1.1 = 704; 80
            aged(line.get(4), 0.50), // 120 × 1.5 = 180; 150
            aged(line.get(5), 0.50), // 48 × 1.5 = 72; 600
            aged(line.get(6), 0.80)); // 450 × 1.8 = 810; 720

    private static Place aged(Place place, double share65Plus) {
        return new Place(place.code(), place.name(), place.epciSiren(), place.population(), place.apl(),
                place.standardisedPopulation(), place.lat(), place.lon(), share65Plus);
    }

    @Test
    void needCountsAnOlderInhabitantAsTwoAndCoverageCountsThem() {
        assertThat(aged.get(6).need(2)).isCloseTo(900 * (2.5 - 1.25) / 2.5 * 1.8, within(1e-9)).isCloseTo(810, within(1e-9));
        assertThat(aged.get(6).need(1)).isCloseTo(line.get(6).need(2), within(1e-9)).isCloseTo(450, within(1e-9));

        CoverageCalculator.Summary summary =
                CoverageCalculator.summary(aged, List.of(new SitePosition("s", "CABIN", 48.05, 5.0)), 12);
        // 65+: 100 + 250 + 600 + 80 + 150 + 600 + 720 = 2,500, of whom 100 + 250 in the covered 55001 and 55002
        assertThat(summary.ageStructureCommunes()).isEqualTo(7);
        assertThat(summary.population65Plus()).isCloseTo(2_500, within(1e-9));
        assertThat(summary.coveredPopulation65Plus()).isCloseTo(350, within(1e-9));
        assertThat(CoverageCalculator.summary(line, List.of(), 12).population65Plus()).isNull();
    }

    @Test
    void greedyPlacementWeighingOlderInhabitantsEqualsTheExhaustiveOptimum() {
        double radius = 12;
        List<CoverageCalculator.Proposal> greedy = CoverageCalculator.propose(aged, aged, List.of(), radius, 2, 2);

        double best = 0;
        for (int i = 0; i < aged.size(); i++) {
            for (int j = i + 1; j < aged.size(); j++) {
                best = Math.max(best, coveredNeed(aged, List.of(aged.get(i), aged.get(j)), radius, 2));
            }
        }
        // by hand: 55006 reaches 55005-55007 = 180 + 72 + 810 = 1,062 (55005: 704 + 180 + 72 = 956); then 55003
        // reaches 55002-55004 = 150 + 0 + 704 = 854 (55001 or 55002: 810): 1,916 in all, another pair than unweighted
        assertThat(greedy).extracting(CoverageCalculator.Proposal::code).containsExactly("55006", "55003");
        assertThat(greedy.getFirst().gain()).isCloseTo(1_062, within(1e-9));
        assertThat(greedy.getLast().objective()).isCloseTo(best, within(1e-9)).isCloseTo(1_916, within(1e-9));
        assertThat(greedy.getFirst().newlyCovered()).containsExactly("55007", "55005", "55006");
        // weight 1 is the population-only formula: the unweighted choice again
        assertThat(CoverageCalculator.propose(aged, aged, List.of(), radius, 2, 1))
                .extracting(CoverageCalculator.Proposal::code).containsExactly("55005", "55001");
        assertThat(CoverageCalculator.priorities(aged, List.of(), radius, 2))
                .extracting(CoverageCalculator.Priority::code)
                .containsExactly("55007", "55004", "55001", "55005", "55002", "55006");
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
