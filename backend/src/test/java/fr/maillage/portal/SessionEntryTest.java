package fr.maillage.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionEntryTest {

    @Test
    @DisplayName("the form's local time is read as French time, summer and winter")
    void localTimeIsFrenchTime() {
        assertThat(SessionEntry.instant("2026-01-15T09:30")).isEqualTo("2026-01-15T08:30:00Z");
        assertThat(SessionEntry.instant("2026-07-15T09:30")).isEqualTo("2026-07-15T07:30:00Z");
    }

    @Test
    @DisplayName("anything that is not a local date-time reaches the validator untouched, so its message names it")
    void otherTextIsPassedOn() {
        assertThat(SessionEntry.instant("demain matin")).isEqualTo("demain matin");
        assertThat(SessionEntry.instant("2026-07-15T07:30:00Z")).isEqualTo("2026-07-15T07:30:00Z");
        assertThat(SessionEntry.instant("")).isEmpty();
        assertThat(SessionEntry.instant(null)).isNull();
    }
}
