package org.zonestat.jobs.hotspots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.HotspotDayCounts;
import org.zonestat.jobs.model.HotspotZoneCounts;

/** Per-zone sliding-window sums in the keyed operator harness. */
class ZoneWindowSumsTest {
    private static final ZoneId BALTIMORE = ZoneId.of("America/New_York");
    // 2019-11-01 00:00 EDT; daylight saving ends on Nov 3, so that local day lasts 25 hours.
    private static final Instant NOV_1 = Instant.parse("2019-11-01T04:00:00Z");

    @Test
    void eachMidnightClosesOneWindowPerLengthAndAnEmptiedWindowIsReportedOnceWithZeros()
            throws Exception {
        try (var h = harness(List.of(1, 3))) {
            h.processElement(day(0, 2, 0), end(0) - 1);
            h.processElement(day(1, 1, 1), end(1) - 1);
            h.processWatermark(end(6));

            List<HotspotZoneCounts> out = h.extractOutputValues();
            assertThat(out)
                    .extracting(
                            z ->
                                    z.windowDays()
                                            + "d "
                                            + z.windowEnd()
                                            + " "
                                            + z.gunViolence()
                                            + "/"
                                            + z.robberies())
                    .containsExactly(
                            "1d " + at(1) + " 2/0",
                            "3d " + at(1) + " 2/0",
                            "1d " + at(2) + " 1/1",
                            "3d " + at(2) + " 3/1",
                            "1d " + at(3) + " 0/0",
                            "3d " + at(3) + " 3/1",
                            "3d " + at(4) + " 1/1",
                            "3d " + at(5) + " 0/0");
            assertThat(out)
                    .allSatisfy(
                            z -> {
                                assertThat(z.layer()).isEqualTo("vri-zones");
                                assertThat(z.zone()).isEqualTo("Penn North");
                            });
            assertThat(out.get(5).windowStart())
                    .as("three local days back across the DST change")
                    .isEqualTo(NOV_1);
            assertThat(
                            out.get(5).windowEnd().toEpochMilli()
                                    - out.get(5).windowStart().toEpochMilli())
                    .isEqualTo(73 * 3_600_000L);
        }
    }

    @Test
    void theZoneStateAndTimersAreGoneOnceItsLastDayHasLeftTheLongestWindow() throws Exception {
        try (var h = harness(List.of(1, 3))) {
            h.processElement(day(0, 1, 0), end(0) - 1);
            h.processWatermark(end(2) - 1);
            assertThat(h.numKeyedStateEntries()).isPositive();
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            h.processWatermark(end(3) - 1);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();

            // A day whose windows have all closed and whose zone was forgotten is dropped, not
            // revived.
            h.processElement(day(1, 1, 0), end(1) - 1);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    private static long end(int dayIndex) {
        return NOV_1.atZone(BALTIMORE).plusDays(dayIndex + 1).toInstant().toEpochMilli();
    }

    private static Instant at(int dayIndex) {
        return Instant.ofEpochMilli(end(dayIndex - 1));
    }

    private static HotspotDayCounts day(int dayIndex, long shootings, long robberies) {
        var from = NOV_1.atZone(BALTIMORE).plusDays(dayIndex);
        return new HotspotDayCounts(
                "vri-zones",
                "Penn North",
                0,
                from.toLocalDate().toString(),
                from.toInstant(),
                from.plusDays(1).toInstant(),
                0,
                shootings,
                0,
                robberies,
                0,
                0);
    }

    private static KeyedOneInputStreamOperatorTestHarness<
                    String, HotspotDayCounts, HotspotZoneCounts>
            harness(List<Integer> lengths) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ZoneWindowSums(HotspotConfig.defaults().withWindowDays(lengths)),
                new HotspotKeys.DayScope(),
                Types.STRING);
    }
}
