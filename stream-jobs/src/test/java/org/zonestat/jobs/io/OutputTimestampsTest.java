package org.zonestat.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The record timestamp rule: the event time, at most now, at least 1970 and what the topic takes.
 */
class OutputTimestampsTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void aPastEventKeepsItsTimeAFutureOneIsStampedNowAndNoneIsNegative() {
        OutputTimestamps any = OutputTimestamps.UNLIMITED;
        assertThat(any.of(NOW - 3_650 * DAY, NOW)).isEqualTo(NOW - 3_650 * DAY);
        assertThat(any.of(NOW, NOW)).isEqualTo(NOW);
        assertThat(any.of(NOW + 1, NOW)).isEqualTo(NOW);
        assertThat(any.of(Long.MAX_VALUE, NOW)).isEqualTo(NOW);
        assertThat(any.of(-1L, NOW)).isZero();
        assertThat(any.of((Long) null, NOW)).isNull();
    }

    @Test
    void onATopicThatRefusesOldTimestampsAnOldEventIsStampedAsOldAsItTakesLessAMargin() {
        OutputTimestamps day = OutputTimestamps.forBeforeMaxMs(DAY);
        long oldest = NOW - DAY + OutputTimestamps.MARGIN.toMillis();
        assertThat(day.of(NOW - 3_650 * DAY, NOW)).isEqualTo(oldest);
        assertThat(day.of(oldest + 1, NOW)).isEqualTo(oldest + 1);
        assertThat(day.of(NOW + DAY, NOW)).isEqualTo(NOW);
        assertThat(OutputTimestamps.forBeforeMaxMs(60_000).of(0, NOW)).isEqualTo(NOW - 30_000);
        assertThat(OutputTimestamps.forBeforeMaxMs(Long.MAX_VALUE))
                .isSameAs(OutputTimestamps.UNLIMITED);
    }
}
