package fr.maillage.territory.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.maillage.territory.indicator.IndicatorQueries.RawActivity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Indicator arithmetic on raw counts, against values worked out by hand. */
class IndicatorServiceTest {

    @Test
    void computesRatesSharesAndMeansFromRawCounts() {
        // 40 sessions in a territory of 8,000 inhabitants: 40 / 8,000 × 1,000 = 5 per 1,000.
        // Regular doctor: 25 without, 12 with, 3 unknown → 25 / 37 among those who answered.
        // Hard to access: 20 NO_REGULAR_DOCTOR + 12 NO_APPOINTMENT_IN_TIME = 32 of 40 = 0.8; 8 others.
        // Satisfaction: 30 answers summing 270 → 9.0.
        RawActivity raw = new RawActivity(40,
                Map.of("FALSE", 25L, "TRUE", 12L, "UNKNOWN", 3L),
                Map.of("NO_REGULAR_DOCTOR", 20L, "NO_APPOINTMENT_IN_TIME", 12L, "PATIENT_PREFERENCE", 8L),
                Map.of("AGE_60_74", 40L),
                Map.of("PRESCRIPTION", 40L),
                270, 30);

        TerritoryIndicators.Activity activity = IndicatorService.activity(raw, 8_000);

        assertThat(activity.teleconsultations().value()).isEqualTo(40.0);
        assertThat(activity.per1000Inhabitants().value()).isCloseTo(5.0, within(1e-12));
        assertThat(activity.withoutRegularDoctorShare().value()).isCloseTo(25 / 37.0, within(1e-12));
        assertThat(activity.hardToAccessShare().suppressed()).isTrue(); // the 8 others would be revealed
        assertThat(activity.meanSatisfaction().value()).isCloseTo(9.0, within(1e-12));
        assertThat(activity.recourseReasons()).hasSize(9); // 8 reasons and UNKNOWN, zeros included
    }

    @Test
    void suppressesTheRateWithItsCount() {
        RawActivity raw = new RawActivity(7, Map.of("TRUE", 7L), Map.of(), Map.of(), Map.of(), 0, 0);

        TerritoryIndicators.Activity activity = IndicatorService.activity(raw, 1_000);

        assertThat(activity.teleconsultations().suppressed()).isTrue();
        assertThat(activity.teleconsultations().value()).isNull();
        assertThat(activity.per1000Inhabitants().value()).isNull();
        assertThat(activity.ageBands()).allMatch(cell -> cell.suppressed() || cell.count() == 0);
    }
}
