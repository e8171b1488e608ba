package org.zonestat.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.RawRecord;

/** A partition's watermark follows the records the parser will accept, and only those. */
class RawRecordWatermarksTest {
    private static final long RECEIVED = Instant.parse("2026-11-21T12:00:00Z").toEpochMilli();
    private static final RawEventTimeAssigner TIMES = new RawEventTimeAssigner();

    @Test
    void aRecordWithoutATimeOrFromTheFarFutureDoesNotCarryABackfillsEventTimeForward() {
        RawRecordWatermarks watermarks =
                new RawRecordWatermarks(Duration.ofMinutes(10), Duration.ofDays(1));
        Recorded out = new Recorded();

        feed(
                watermarks,
                "{\"id\":\"c1\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2015-06-01T10:00:00Z\"}",
                out);
        feed(watermarks, "{\"id\":\"no-time\",\"kind\":\"SHOOTING\"}", out); // received in 2026
        feed(
                watermarks,
                "{\"id\":\"bad-time\",\"kind\":\"SHOOTING\",\"occurredAt\":\"yesterday\"}",
                out);
        feed(
                watermarks,
                "{\"id\":\"future\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2030-01-01T00:00:00Z\"}",
                out);
        watermarks.onPeriodicEmit(out);
        assertThat(Instant.ofEpochMilli(out.last()))
                .as("the history's own time less the out-of-orderness, not 2026 or 2030")
                .isEqualTo(Instant.parse("2015-06-01T09:49:59.999Z"));

        feed(
                watermarks,
                "{\"id\":\"c2\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2015-06-02T10:00:00Z\"}",
                out);
        watermarks.onPeriodicEmit(out);
        assertThat(Instant.ofEpochMilli(out.last()))
                .isEqualTo(Instant.parse("2015-06-02T09:49:59.999Z"));

        // Live records a little ahead of their receipt (clock skew) still count.
        feed(
                watermarks,
                "{\"id\":\"c3\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2026-11-21T12:05:00Z\"}",
                out);
        watermarks.onPeriodicEmit(out);
        assertThat(Instant.ofEpochMilli(out.last()))
                .isEqualTo(Instant.parse("2026-11-21T11:54:59.999Z"));
    }

    private static void feed(RawRecordWatermarks watermarks, String json, WatermarkOutput out) {
        RawRecord r = new RawRecord("incidents.raw", 0, 0, RECEIVED, json);
        watermarks.onEvent(r, TIMES.extractTimestamp(r, RECEIVED), out);
    }

    private static final class Recorded implements WatermarkOutput {
        final List<Long> emitted = new ArrayList<>();

        long last() {
            return emitted.get(emitted.size() - 1);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
