package org.zonestat.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The record timestamp rule: the event time, at most now, at least 1970. */
class OutputTimestampsTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void aPastEventKeepsItsTimeAFutureOneIsStampedNowAndNoneIsNegative() {
        assertThat(OutputTimestamps.of(NOW - 86_400_000L, NOW)).isEqualTo(NOW - 86_400_000L);
        assertThat(OutputTimestamps.of(NOW, NOW)).isEqualTo(NOW);
        assertThat(OutputTimestamps.of(NOW + 1, NOW)).isEqualTo(NOW);
        assertThat(OutputTimestamps.of(Long.MAX_VALUE, NOW)).isEqualTo(NOW);
        assertThat(OutputTimestamps.of(-1L, NOW)).isZero();
        assertThat(OutputTimestamps.of((Long) null, NOW)).isNull();
    }
}
