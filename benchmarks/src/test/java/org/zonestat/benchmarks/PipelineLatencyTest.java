package org.zonestat.benchmarks;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A latency run that lost events fails instead of reporting figures. */
class PipelineLatencyTest {
    @Test
    void aRunThatLostEventsFailsNamingBothCounts() {
        assertThatThrownBy(() -> PipelineLatency.requireMatched(0, 300_000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lost events: 0 of 300000 expected")
                .hasMessageContaining("at least 99 % needed");
        assertThatThrownBy(() -> PipelineLatency.requireMatched(296_999, 300_000))
                .hasMessageContaining("296999 of 300000");
    }

    @Test
    void aRunThatMatchedNinetyNinePercentStands() {
        assertThatCode(() -> PipelineLatency.requireMatched(297_000, 300_000))
                .doesNotThrowAnyException();
        assertThatCode(() -> PipelineLatency.requireMatched(300_000, 300_000))
                .doesNotThrowAnyException();
    }
}
