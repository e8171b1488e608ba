package org.zonestat.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.jobs.testing.RawJson;

/** The {@code parse} operator in Flink's operator harness: routing and the lateness rule. */
class LatenessGateTest {
    private static final Duration LATENESS = Duration.ofDays(1);
    private static final long RECEIVED = Instant.parse("2018-07-10T00:00:00Z").toEpochMilli();
    private static final RawRecordParser PARSER =
            new RawRecordParser(Map.of("incidents.raw", EventStream.INCIDENT), Duration.ofDays(1));

    @Test
    void aRecordTheSourceRejectedGoesToRejectedWithItsReasonAndOriginal() throws Exception {
        try (var h = harness()) {
            ParsedRecord bad = parse(1, "{\"id\":\"b1\",");
            h.processElement(bad, bad.eventTimeMillis());

            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(rejections(h))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
                                assertThat(r.source()).isEqualTo(bad.raw());
                                assertThat(r.detail()).isEqualTo(bad.detail());
                            });
        }
    }

    @Test
    void aRecordTheGateFailsOnIsRejectedAsInternalErrorAndTheNextOneStillPasses() throws Exception {
        try (var h = harness()) {
            h.processWatermark(Instant.parse("2018-07-09T00:00:00Z").toEpochMilli());
            // Built around the parser, which refuses such a time: the gate cannot compute with it.
            RawRecord raw = new RawRecord("incidents.raw", 0, 1, RECEIVED, "{\"id\":\"x\"}");
            ParsedRecord unusable =
                    ParsedRecord.accepted(
                            raw,
                            new CityEvent(
                                    "incident/incidents.raw/x",
                                    EventStream.INCIDENT,
                                    "x",
                                    "incidents.raw",
                                    "SHOOTING",
                                    null,
                                    null,
                                    Instant.MIN,
                                    -76.644,
                                    39.301,
                                    null));
            ParsedRecord next = parse(2, RawJson.shooting("next", "2018-07-08T20:00:00Z"));
            h.processElement(unusable, RECEIVED);
            h.processElement(next, next.eventTimeMillis());

            assertThat(h.extractOutputValues()).containsExactly(next);
            assertThat(rejections(h))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.reason()).isEqualTo(RejectReason.INTERNAL_ERROR);
                                assertThat(r.source()).isEqualTo(raw);
                                assertThat(r.detail())
                                        .startsWith(
                                                "the job failed on this record in 'parse':"
                                                        + " ArithmeticException");
                            });
        }
    }

    @Test
    void beforeTheFirstWatermarkNoRecordIsLate() throws Exception {
        try (var h = harness()) {
            ParsedRecord old = parse(1, RawJson.shooting("old", "2012-01-01T00:00:00Z"));
            h.processElement(old, old.eventTimeMillis());
            assertThat(h.extractOutputValues()).containsExactly(old);
            assertThat(rejections(h)).isEmpty();
        }
    }

    @Test
    void aRecordMoreThanTheAllowedLatenessBehindTheWatermarkIsLateAndOneAtTheLimitIsNot()
            throws Exception {
        Instant watermark = Instant.parse("2018-07-09T15:49:59.999Z");
        try (var h = harness()) {
            h.processWatermark(watermark.toEpochMilli());
            ParsedRecord atLimit =
                    parse(1, RawJson.shooting("at-limit", "2018-07-08T15:49:59.999Z"));
            ParsedRecord tooLate =
                    parse(2, RawJson.shooting("too-late", "2018-07-08T15:49:59.998Z"));
            h.processElement(atLimit, atLimit.eventTimeMillis());
            h.processElement(tooLate, tooLate.eventTimeMillis());

            assertThat(h.extractOutputValues()).containsExactly(atLimit);
            assertThat(rejections(h))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.reason()).isEqualTo(RejectReason.LATE);
                                assertThat(r.source()).isEqualTo(tooLate.raw());
                                assertThat(r.detail())
                                        .isEqualTo(
                                                "occurredAt 2018-07-08T15:49:59.998Z is more than"
                                                        + " PT24H behind the stream's event time"
                                                        + " 2018-07-09T15:49:59.999Z: the days it"
                                                        + " belongs to are final");
                            });
        }
    }

    private static OneInputStreamOperatorTestHarness<ParsedRecord, ParsedRecord> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new LatenessGate(LATENESS));
    }

    private static List<Rejection> rejections(
            OneInputStreamOperatorTestHarness<ParsedRecord, ParsedRecord> h) {
        var side = h.getSideOutput(Rejections.TAG);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private static ParsedRecord parse(long offset, String json) {
        return PARSER.parse(new RawRecord("incidents.raw", 0, offset, RECEIVED, json));
    }
}
