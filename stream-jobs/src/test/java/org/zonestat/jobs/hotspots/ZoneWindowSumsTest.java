package org.zonestat.jobs.hotspots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
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

    @Test
    void runningSumsEqualSummingEveryKeptDayWithDaysOutOfOrderLateAndTooLate() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            List<Step> steps = randomSteps(seed);
            HotspotConfig config = HotspotConfig.defaults().withWindowDays(List.of(1, 7, 28));
            try (var running = harness(new ZoneWindowSums(config));
                    var reference = harness(ZoneWindowSums.recomputingEachClose(config))) {
                for (Step s : steps) {
                    s.apply(running);
                    s.apply(reference);
                }
                List<HotspotZoneCounts> expected = reference.extractOutputValues();
                assertThat(expected).as("seed %d", seed).isNotEmpty();
                assertThat(running.extractOutputValues())
                        .as("seed %d", seed)
                        .containsExactlyElementsOf(expected);
                assertThat(running.numKeyedStateEntries()).as("seed %d", seed).isZero();
                assertThat(running.numEventTimeTimers()).as("seed %d", seed).isZero();
            }
        }
    }

    @Test
    void stateWithoutRunningSumsIsRestoredAndItsWindowsRecomputedOnce() throws Exception {
        long seed = 7;
        List<Step> steps = randomSteps(seed);
        HotspotConfig config = HotspotConfig.defaults().withWindowDays(List.of(1, 7, 28));
        List<HotspotZoneCounts> expected;
        try (var reference = harness(ZoneWindowSums.recomputingEachClose(config))) {
            for (Step s : steps) {
                s.apply(reference);
            }
            expected = reference.extractOutputValues();
        }
        int half = steps.size() / 2;
        List<HotspotZoneCounts> out = new ArrayList<>();
        OperatorSubtaskState earlier;
        try (var before = harness(ZoneWindowSums.recomputingEachClose(config))) {
            for (Step s : steps.subList(0, half)) {
                s.apply(before);
            }
            out.addAll(before.extractOutputValues());
            earlier = before.snapshot(1, 1);
        }
        try (var after = unopened(new ZoneWindowSums(config))) {
            after.initializeState(earlier);
            after.open();
            for (Step s : steps.subList(half, steps.size())) {
                s.apply(after);
            }
            out.addAll(after.extractOutputValues());
        }
        assertThat(out).as("seed %d", seed).containsExactlyElementsOf(expected);
    }

    /**
     * Two zones' days over 200 days: most days in order, some a few days early, some re-emitted by
     * late incidents (within the windows still to close or older than all of them), gaps long
     * enough to empty a zone, and watermarks that pass one or several midnights at once.
     */
    private static List<Step> randomSteps(long seed) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>();
        int dayIndex = 0;
        while (dayIndex < 200) {
            for (String zone : List.of("Penn North", "Sandtown")) {
                if (random.nextInt(10) < 6) {
                    steps.add(Step.day(day(zone, dayIndex, random)));
                }
                if (random.nextInt(10) < 3 && dayIndex > 0) {
                    steps.add(Step.day(day(zone, dayIndex - 1 - random.nextInt(32), random)));
                }
                if (random.nextInt(10) < 2) {
                    steps.add(Step.day(day(zone, dayIndex + 1 + random.nextInt(3), random)));
                }
            }
            dayIndex += random.nextInt(20) == 0 ? 30 + random.nextInt(10) : 1 + random.nextInt(3);
            steps.add(Step.watermark(end(dayIndex - 1) - 1));
        }
        steps.add(Step.watermark(Long.MAX_VALUE));
        return steps;
    }

    private static HotspotDayCounts day(String zone, int dayIndex, Random random) {
        var from = NOV_1.atZone(BALTIMORE).plusDays(Math.max(0, dayIndex));
        return new HotspotDayCounts(
                "vri-zones",
                zone,
                0,
                from.toLocalDate().toString(),
                from.toInstant(),
                from.plusDays(1).toInstant(),
                random.nextInt(2),
                random.nextInt(3),
                random.nextInt(2),
                random.nextInt(3),
                random.nextInt(2),
                1 + random.nextInt(4));
    }

    /** One input of a seeded run: a day's counts or a watermark. */
    private record Step(HotspotDayCounts day, long watermark) {
        static Step day(HotspotDayCounts d) {
            return new Step(d, 0);
        }

        static Step watermark(long w) {
            return new Step(null, w);
        }

        void apply(KeyedOneInputStreamOperatorTestHarness<String, HotspotDayCounts, ?> h)
                throws Exception {
            if (day != null) {
                h.processElement(day, day.until().toEpochMilli() - 1);
            } else {
                h.processWatermark(watermark);
            }
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
        return harness(new ZoneWindowSums(HotspotConfig.defaults().withWindowDays(lengths)));
    }

    private static KeyedOneInputStreamOperatorTestHarness<
                    String, HotspotDayCounts, HotspotZoneCounts>
            harness(ZoneWindowSums sums) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                sums, new HotspotKeys.DayScope(), Types.STRING);
    }

    private static KeyedOneInputStreamOperatorTestHarness<
                    String, HotspotDayCounts, HotspotZoneCounts>
            unopened(ZoneWindowSums sums) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(sums), new HotspotKeys.DayScope(), Types.STRING);
    }
}
