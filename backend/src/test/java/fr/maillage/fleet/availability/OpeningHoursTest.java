package fr.maillage.fleet.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void pharmacyWeekHasSixTenHourDaysInParisTime() {
        var hours = OpeningHours.parse("Mon-Sat 09:00-19:00");

        // Monday 23 November 2026 00:00 Paris (UTC+1) to the next Monday
        var windows = hours.windows(Instant.parse("2026-11-22T23:00:00Z"), Instant.parse("2026-11-29T23:00:00Z"), PARIS);

        assertThat(windows).hasSize(6);
        assertThat(windows.getFirst())
                .isEqualTo(new OpeningHours.Window(Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T18:00:00Z")));
    }

    @Test
    void splitDaysListsAndEndOfDayAreUnderstood() {
        var hours = OpeningHours.parse("Mon,Wed 08:00-12:00,14:00-18:00; Sun 20:00-24:00");

        var monday = hours.windows(Instant.parse("2026-11-22T23:00:00Z"), Instant.parse("2026-11-23T23:00:00Z"), PARIS);
        var sunday = hours.windows(Instant.parse("2026-11-28T23:00:00Z"), Instant.parse("2026-11-29T23:00:00Z"), PARIS);

        assertThat(monday).hasSize(2);
        assertThat(sunday).containsExactly(new OpeningHours.Window(
                Instant.parse("2026-11-29T19:00:00Z"), Instant.parse("2026-11-29T23:00:00Z")));
    }

    @Test
    void summerTimeShiftsTheWindowsInUtc() {
        var hours = OpeningHours.parse("Mon-Sat 09:00-19:00");

        var windows = hours.windows(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-01T23:00:00Z"), PARIS);

        assertThat(windows.getFirst().from()).isEqualTo(Instant.parse("2026-06-01T07:00:00Z"));
    }

    @Test
    void malformedHoursAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> OpeningHours.parse("Mon-Xyz 09:00-19:00")).hasMessageContaining("Xyz");
        assertThatThrownBy(() -> OpeningHours.parse("Mon 19:00-09:00")).hasMessageContaining("end after");
        assertThatThrownBy(() -> OpeningHours.parse("Mon")).hasMessageContaining("days ranges");
    }
}
