package fr.maillage.agent.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import fr.maillage.agent.commune.CommuneDirectory;
import fr.maillage.contract.SessionDetails.RecourseReason;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SitePlannerTest {

    private final CommuneDirectory communes = CommuneDirectory.shipped();

    @Test
    @DisplayName("the same seed places the same sites, with valid and unique ids in real communes")
    void seededPlacementRepeats() {
        List<SitePlan> first = SitePlanner.place(communes, 300, SessionRate.DEFAULT, new SplittableRandom(42));
        List<SitePlan> second = SitePlanner.place(communes, 300, SessionRate.DEFAULT, new SplittableRandom(42));

        assertThat(first).isEqualTo(second);
        assertThat(first).extracting(SitePlan::siteId)
                .doesNotHaveDuplicates()
                .allMatch(id -> SiteTopic.SITE_ID.matcher(id).matches());
        assertThat(first).allMatch(p -> communes.byCode(p.descriptor().inseeCode()).isPresent());
        assertThat(first).extracting(p -> p.descriptor().kind()).contains(SiteKind.values());
    }

    @Test
    @DisplayName("sites land where people live: Nancy (54395) gets more sites than a village")
    void weightedByPopulation() {
        List<SitePlan> plans = SitePlanner.place(communes, 2000, SessionRate.DEFAULT, new SplittableRandom(7));
        long nancy = plans.stream().filter(p -> p.commune().inseeCode().equals("54395")).count();
        long aigremont = plans.stream().filter(p -> p.commune().inseeCode().equals("52002")).count();
        assertThat(nancy).isGreaterThan(50);
        assertThat(aigremont).isLessThanOrEqualTo(1);
    }

    @Test
    @DisplayName("the départements take turns: the demo's 12 sites are 4 in Haute-Marne, 4 in Meurthe-et-Moselle, 4 in Meuse")
    void everyDepartementHasSites() {
        List<SitePlan> plans = SitePlanner.place(communes, 12, SessionRate.DEFAULT, new SplittableRandom(55));
        assertThat(plans).extracting(p -> p.commune().departement())
                .containsExactly("52", "54", "55", "52", "54", "55", "52", "54", "55", "52", "54", "55");
        assertThat(plans).allMatch(p -> p.descriptor().inseeCode().startsWith(p.commune().departement()));
    }

    @Test
    @DisplayName("--rate 8/day: sites have 8 sessions per open day on average, kinds keep their proportions")
    void ratePerDay() {
        List<SitePlan> plans = SitePlanner.place(communes, 5000, SessionRate.parse("8/day"), new SplittableRandom(3));
        assertThat(mean(plans, null)).isCloseTo(8.0, within(0.3));
        assertThat(mean(plans, SiteKind.HEALTH_CENTRE) / mean(plans, SiteKind.PUBLIC_SERVICE_POINT))
                .as("an MSP is three times as busy as a France services point")
                .isCloseTo(3.0, within(0.3));
    }

    @Test
    @DisplayName("--rate 0.5/h: half a session per opening hour, i.e. 0.5 x the fleet's mean opening hours a day")
    void ratePerHour() {
        List<SitePlan> plans = SitePlanner.place(communes, 5000, SessionRate.parse("0.5/h"), new SplittableRandom(3));
        assertThat(SitePlanner.MEAN_OPEN_HOURS).isCloseTo(8.325, within(0.001));
        assertThat(mean(plans, null)).isCloseTo(0.5 * 8.325, within(0.2));
    }

    @Test
    @DisplayName("a rate is read as N/day or N/h, and anything else is refused with the expected form")
    void rateSyntax() {
        assertThat(SessionRate.parse("4/day")).isEqualTo(new SessionRate(4, SessionRate.Unit.DAY));
        assertThat(SessionRate.parse(" 0.5 / h ")).isEqualTo(new SessionRate(0.5, SessionRate.Unit.HOUR));
        assertThat(SessionRate.parse("12/jour")).isEqualTo(new SessionRate(12, SessionRate.Unit.DAY));
        assertThatThrownBy(() -> SessionRate.parse("4 per day")).hasMessageContaining("4/day");
        assertThatThrownBy(() -> SessionRate.parse("-1/day")).hasMessageContaining("4/day");
        assertThatThrownBy(() -> SessionRate.parse("100/h")).hasMessageContaining("between 0 and 60");
    }

    private static double mean(List<SitePlan> plans, SiteKind kind) {
        return plans.stream()
                .filter(p -> kind == null || p.descriptor().kind() == kind)
                .mapToDouble(SitePlan::sessionsPerDay)
                .average()
                .orElseThrow();
    }

    @Test
    @DisplayName("about 93 % of recourse reasons say a doctor is hard to reach")
    void recourseReasons() {
        SplittableRandom random = new SplittableRandom(1);
        var hard = Arrays.asList(
                RecourseReason.NO_REGULAR_DOCTOR,
                RecourseReason.NO_APPOINTMENT_IN_TIME,
                RecourseReason.REGULAR_DOCTOR_UNAVAILABLE,
                RecourseReason.DOCTOR_TOO_FAR,
                RecourseReason.OUT_OF_HOURS);
        int n = 100_000;
        long count = 0;
        for (int i = 0; i < n; i++) {
            if (hard.contains(SessionModel.REASONS.pick(random))) {
                count++;
            }
        }
        assertThat(count / (double) n).isBetween(0.92, 0.94);
    }
}
