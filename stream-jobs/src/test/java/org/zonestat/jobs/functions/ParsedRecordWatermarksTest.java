package org.zonestat.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.testing.RawJson;

/**
 * A partition's timestamps and watermark come from the parsed records' fields, and only the records
 * the parser accepts move the watermark on.
 */
class ParsedRecordWatermarksTest {
    private static final long RECEIVED = Instant.parse("2026-11-21T12:00:00Z").toEpochMilli();
    private static final RawRecordParser PARSER =
            new RawRecordParser(Map.of("incidents.raw", EventStream.INCIDENT), Duration.ofDays(1));
    private static final ParsedRecordWatermarks.EventTime TIMES =
            new ParsedRecordWatermarks.EventTime();

    @Test
    void aRejectedRecordDoesNotCarryABackfillsEventTimeForward() {
        ParsedRecordWatermarks watermarks =
                new ParsedRecordWatermarks(Duration.ofMinutes(10), () -> RECEIVED);
        Recorded out = new Recorded();

        feed(watermarks, RawJson.shooting("c1", "2015-06-01T10:00:00Z"), out);
        // Received in 2026: no time, a time in words, a time in 2030, and a good time on a record
        // rejected for another reason.
        feed(watermarks, "{\"id\":\"no-time\",\"kind\":\"SHOOTING\"}", out);
        feed(watermarks, RawJson.shooting("bad-time", "yesterday"), out);
        feed(watermarks, RawJson.shooting("future", "2030-01-01T00:00:00Z"), out);
        feed(
                watermarks,
                "{\"id\":\"no-place\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2026-11-21T11:00:00Z\"}",
                out);
        watermarks.onPeriodicEmit(out);
        assertThat(Instant.ofEpochMilli(out.last()))
                .as("the history's own time less the out-of-orderness, not 2026 or 2030")
                .isEqualTo(Instant.parse("2015-06-01T09:49:59.999Z"));

        feed(watermarks, RawJson.shooting("c2", "2015-06-02T10:00:00Z"), out);
        watermarks.onPeriodicEmit(out);
        assertThat(Instant.ofEpochMilli(out.last()))
                .isEqualTo(Instant.parse("2015-06-02T09:49:59.999Z"));

        // Live records count up to the wall clock.
        feed(watermarks, RawJson.shooting("c3", "2026-11-21T11:55:00Z"), out);
        watermarks.onPeriodicEmit(out);
        assertThat(Instant.ofEpochMilli(out.last()))
                .isEqualTo(Instant.parse("2026-11-21T11:44:59.999Z"));
    }

    @Test
    void aRecordDatedAheadOfTheWallClockMovesEventTimeOnlyUpToTheClock() {
        long[] wallClock = {RECEIVED};
        ParsedRecordWatermarks watermarks =
                new ParsedRecordWatermarks(Duration.ofMinutes(10), () -> wallClock[0]);
        Recorded out = new Recorded();

        // A feed's clock 23 hours fast: accepted (the tolerance is a day), dated as it says.
        ParsedRecord ahead = parse(RawJson.shooting("ahead", "2026-11-22T11:00:00Z"));
        assertThat(ahead.isAccepted()).isTrue();
        assertThat(TIMES.extractTimestamp(ahead, RECEIVED))
                .isEqualTo(Instant.parse("2026-11-22T11:00:00Z").toEpochMilli());
        watermarks.onEvent(ahead, TIMES.extractTimestamp(ahead, RECEIVED), out);
        watermarks.onPeriodicEmit(out);
        assertThat(Instant.ofEpochMilli(out.last()))
                .as("event time moves to now less the out-of-orderness, not to the record's time")
                .isEqualTo(Instant.parse("2026-11-21T11:49:59.999Z"));

        // The clock moving on alone does not move event time: only records do.
        wallClock[0] += Duration.ofHours(1).toMillis();
        watermarks.onPeriodicEmit(out);
        assertThat(Instant.ofEpochMilli(out.last()))
                .isEqualTo(Instant.parse("2026-11-21T11:49:59.999Z"));
        feed(watermarks, RawJson.shooting("true", "2026-11-21T12:30:00Z"), out);
        watermarks.onPeriodicEmit(out);
        assertThat(Instant.ofEpochMilli(out.last()))
                .isEqualTo(Instant.parse("2026-11-21T12:19:59.999Z"));
    }

    @Test
    void anAcceptedRecordsTimestampIsWhenItHappenedAndARejectedOnesIsWhenItWasReceived() {
        ParsedRecord accepted = parse(RawJson.shooting("c1", "2015-06-01T10:00:00-04:00"));
        ParsedRecord rejected = parse(RawJson.shooting("c2", "yesterday"));

        assertThat(TIMES.extractTimestamp(accepted, RECEIVED))
                .isEqualTo(Instant.parse("2015-06-01T14:00:00Z").toEpochMilli());
        assertThat(TIMES.extractTimestamp(rejected, RECEIVED)).isEqualTo(RECEIVED);
    }

    @Test
    void beforeAnyAcceptedRecordTheWatermarkHoldsEveryRecordBack() {
        ParsedRecordWatermarks watermarks =
                new ParsedRecordWatermarks(Duration.ofMinutes(10), () -> RECEIVED);
        Recorded out = new Recorded();
        feed(watermarks, "not json", out);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(Long.MIN_VALUE);
    }

    private static ParsedRecord parse(String json) {
        return PARSER.parse(new RawRecord("incidents.raw", 0, 0, RECEIVED, json));
    }

    private static void feed(ParsedRecordWatermarks watermarks, String json, WatermarkOutput out) {
        ParsedRecord r = parse(json);
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
