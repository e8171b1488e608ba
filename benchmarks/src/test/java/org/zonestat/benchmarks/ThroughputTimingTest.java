package org.zonestat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTimingTest {
    private static EndOffsetSampler.Sample at(double seconds, long records) {
        return new EndOffsetSampler.Sample((long) (seconds * 1e9), records);
    }

    @Test
    void firstToLastRunsFromTheFirstOutputToTheFirstSampleAtTheFinalCount() {
        ThroughputTiming t =
                ThroughputTiming.of(
                        List.of(at(0, 0), at(1, 0), at(2, 100), at(12, 1000), at(13, 1000)), 1000);
        assertThat(t.firstToLastSeconds()).isCloseTo(10, within(1e-9));
        // 100 records at 2 s and 1000 at 12 s: 90 per second, so 10 % at 2 s and 90 % at 11.89 s.
        assertThat(t.middleSeconds()).isCloseTo(800 / 90.0, within(1e-6));
        assertThat(t.middleFraction()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void withoutAnyOutputThereIsNoTiming() {
        assertThatThrownBy(() -> ThroughputTiming.of(List.of(at(0, 0), at(1, 0)), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThroughputTiming.of(List.of(at(0, 0), at(1, 5)), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
