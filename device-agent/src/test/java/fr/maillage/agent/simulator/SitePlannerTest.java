package fr.maillage.agent.simulator;

import static org.assertj.core.api.Assertions.assertThat;

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
        List<SitePlan> first = SitePlanner.place(communes, 300, new SplittableRandom(42));
        List<SitePlan> second = SitePlanner.place(communes, 300, new SplittableRandom(42));

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
        List<SitePlan> plans = SitePlanner.place(communes, 2000, new SplittableRandom(7));
        long nancy = plans.stream().filter(p -> p.commune().inseeCode().equals("54395")).count();
        long aigremont = plans.stream().filter(p -> p.commune().inseeCode().equals("52002")).count();
        assertThat(nancy).isGreaterThan(50);
        assertThat(aigremont).isLessThanOrEqualTo(1);
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
