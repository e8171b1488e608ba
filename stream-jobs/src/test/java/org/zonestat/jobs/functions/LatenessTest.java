package org.zonestat.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lateness rule's boundary, shared by {@code parse} and {@code dedupe-and-tag}. */
class LatenessTest {
    private static final Lateness ONE_HOUR = new Lateness(Duration.ofHours(1));
    private static final long T = 1_000_000_000_000L;
    private static final long HOUR = 3_600_000L;

    @Test
    void anEventIsLateExactlyFromTheFirstLateWatermarkOn() {
        assertThat(ONE_HOUR.firstLateWatermark(T)).isEqualTo(T + HOUR + 1);
        assertThat(ONE_HOUR.isLate(T, T + HOUR))
                .as("exactly the allowed lateness behind")
                .isFalse();
        assertThat(ONE_HOUR.isLate(T, T + HOUR + 1)).isTrue();
        assertThat(ONE_HOUR.isLate(T, T - HOUR)).as("ahead of the watermark").isFalse();
    }

    @Test
    void nothingIsLateBeforeTheFirstWatermarkAndEverythingAtTheEndOfInput() {
        assertThat(ONE_HOUR.isLate(Long.MIN_VALUE + 1, Long.MIN_VALUE)).isFalse();
        assertThat(ONE_HOUR.firstLateWatermark(Long.MAX_VALUE - 10)).isEqualTo(Long.MAX_VALUE);
        assertThat(ONE_HOUR.isLate(Long.MAX_VALUE - 10, Long.MAX_VALUE)).isTrue();
        assertThat(ONE_HOUR.isLate(T, Long.MAX_VALUE - 1)).isTrue();
    }

    @Test
    void aNegativeLatenessIsRefused() {
        assertThatThrownBy(() -> new Lateness(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
    }
}
