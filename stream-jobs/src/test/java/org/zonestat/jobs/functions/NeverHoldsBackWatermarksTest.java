package org.zonestat.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/**
 * The zones input neither holds event time back nor moves it on: it is idle, and never claims a
 * watermark that would carry the job to the end of time while the raw partitions are quiet.
 */
class NeverHoldsBackWatermarksTest {
    @Test
    void theControlInputIsIdleAndEmitsNoWatermarkWithOrWithoutRecords() {
        NeverHoldsBackWatermarks<String> generator = new NeverHoldsBackWatermarks<>();
        Recording output = new Recording();

        generator.onPeriodicEmit(output);
        generator.onEvent("a layer update", 1_000L, output);
        generator.onPeriodicEmit(output);

        assertThat(output.watermarks).isEmpty();
        assertThat(output.idleMarks).isEqualTo(2);
    }

    private static final class Recording implements WatermarkOutput {
        final List<Watermark> watermarks = new ArrayList<>();
        int idleMarks;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark);
        }

        @Override
        public void markIdle() {
            idleMarks++;
        }

        @Override
        public void markActive() {}
    }
}
