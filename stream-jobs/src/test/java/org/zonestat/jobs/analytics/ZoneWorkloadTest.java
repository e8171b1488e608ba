package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.ZoneDayStats;

/** The standing 311 workload per zone in Flink's keyed operator harness. */
class ZoneWorkloadTest {
    private static final Duration LATENESS = Duration.ofDays(1);
    private static final Instant JULY_7 = Instant.parse("2018-07-07T04:00:00Z");

    @Test
    void eachDayEndsWithTheRunningTotalsAndAReEmittedDayReplacesItsChange() throws Exception {
        try (var h = harness()) {
            h.processElement(day("Penn North", 0, 2, 1));
            h.processElement(day("Penn North", 1, 1, 0));
            h.processElement(day("Roland Park", 1, 5, 0));
            assertThat(h.extractOutputValues())
                    .extracting(
                            d ->
                                    d.zone()
                                            + " "
                                            + d.day()
                                            + " "
                                            + d.openAtEnd()
                                            + "/"
                                            + d.overdueAtEnd())
                    .containsExactly(
                            "Penn North 2018-07-07 2/1",
                            "Penn North 2018-07-08 3/1",
                            "Roland Park 2018-07-08 5/0");

            // 2018-07-07 again (a late event within the lateness): its change is now +3 open, +2
            // overdue
            h.processElement(day("Penn North", 0, 3, 2));
            assertThat(h.extractOutputValues().get(3))
                    .as("the day's end excludes the later day's change")
                    .satisfies(
                            d -> {
                                assertThat(d.openAtEnd()).isEqualTo(3);
                                assertThat(d.overdueAtEnd()).isEqualTo(2);
                            });
            h.processElement(day("Penn North", 2, -4, -2));
            assertThat(h.extractOutputValues().get(4))
                    .satisfies(
                            d -> {
                                assertThat(d.openAtEnd()).as("3 + 1 - 4").isZero();
                                assertThat(d.overdueAtEnd()).isZero();
                            });
        }
    }

    @Test
    void aDaysChangeIsForgottenOnceItCanNoLongerBeEmittedAgainButTheTotalsStay() throws Exception {
        try (var h = harness()) {
            h.processElement(day("Penn North", 0, 2, 0));
            h.processElement(day("Penn North", 1, 1, 0));
            assertThat(h.numEventTimeTimers()).isEqualTo(2);

            h.processWatermark(JULY_7.plus(Duration.ofDays(2)).plus(LATENESS).toEpochMilli());
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.numKeyedStateEntries()).as("only the totals of the one zone").isEqualTo(1);

            h.processElement(day("Penn North", 5, -1, 0));
            assertThat(h.extractOutputValues().get(2).openAtEnd()).isEqualTo(2);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ZoneDayStats, ZoneDayStats>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ZoneWorkload(LATENESS), new ZoneWorkload.DayZoneKey(), Types.STRING);
    }

    /** A scorecard day {@code offset} days after 2018-07-07 (all EDT days of 24 hours). */
    private static StreamRecord<ZoneDayStats> day(
            String zone, int offset, long openChange, long overdueChange) {
        Instant from = JULY_7.plus(Duration.ofDays(offset));
        Instant until = from.plus(Duration.ofDays(1));
        ZoneDayStats d =
                new ZoneDayStats(
                        "neighborhoods",
                        zone,
                        "2018-07-" + String.format("%02d", 7 + offset),
                        from,
                        until,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        Double.NaN,
                        openChange,
                        overdueChange,
                        0,
                        0);
        return new StreamRecord<>(d, until.toEpochMilli() - 1);
    }
}
