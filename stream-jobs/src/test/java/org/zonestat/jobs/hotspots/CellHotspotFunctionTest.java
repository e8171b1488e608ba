package org.zonestat.jobs.hotspots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.H3Binner;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotChangeType;
import org.zonestat.jobs.model.HotspotDayCounts;
import org.zonestat.jobs.model.HotspotFact;
import org.zonestat.jobs.model.HotspotWindowSummary;

/**
 * The Gi* operator of one window length in the keyed operator harness, on a hand-checkable study
 * area: the 37 resolution-9 cells within 3 steps of a cell in Sandtown-Winchester.
 */
class CellHotspotFunctionTest {
    static final long CENTRE = new H3Binner(9).cell(-76.6440, 39.3010);
    static final long[] AREA =
            H3Binner.h3().gridDisk(CENTRE, 3).stream().mapToLong(Long::longValue).toArray();
    static final long[] RING1 =
            H3Binner.h3().gridRing(CENTRE, 1).stream().mapToLong(Long::longValue).toArray();
    // Local days in Baltimore (EDT): 2019-07-01 starts at 04:00Z.
    static final Instant JULY_1 = Instant.parse("2019-07-01T04:00:00Z");
    static final long DAY = 86_400_000L;

    static HotspotConfig config() {
        return HotspotConfig.defaults()
                .withWindowDays(List.of(1))
                .withCells(9, 1, HotspotStudyArea.ofCells(AREA));
    }

    @Test
    void twoShootingsInACellAndOneInEachNeighbourMakeTheSevenCellsHotWithTheHandComputedZ()
            throws Exception {
        try (var h = harness(config())) {
            feedJuly1(h, 1);
            h.processWatermark(JULY_1.toEpochMilli() + DAY - 1);

            // By hand: n = 37, values 2 (centre) and 1 (six neighbours): mean 8/37, S^2 = 10/37 -
            // mean^2,
            // and every cell's ring has 7 cells in the area, so the denominator is S sqrt((37*7 -
            // 49)/36).
            // The centre's ring sums to 8: z = 5.6806. A neighbour's ring holds itself (1), the
            // centre (2)
            // and two other neighbours (1 each): 5, z = 3.0533, p = 0.0023, q = 0.012 (7 of 37
            // cells).
            double mean = 8.0 / 37;
            double denominator =
                    Math.sqrt(10.0 / 37 - mean * mean) * Math.sqrt((37.0 * 7 - 49) / 36);
            double zCentre = (8 - 7 * mean) / denominator;
            double zNeighbour = (5 - 7 * mean) / denominator;
            assertThat(zCentre).isCloseTo(5.6806, within(1e-4));
            assertThat(zNeighbour).isCloseTo(3.0533, within(1e-4));

            List<HotspotChange> out = h.extractOutputValues();
            assertThat(out)
                    .hasSize(7)
                    .allSatisfy(
                            c -> {
                                assertThat(c.status()).isEqualTo("HOT");
                                assertThat(c.change()).isEqualTo(HotspotChangeType.TURNED_HOT);
                                assertThat(c.category()).isEqualTo("NEW_HOT_SPOT");
                                assertThat(c.previousCategory()).isEqualTo("NO_PATTERN");
                                assertThat(c.windowStart()).isEqualTo(JULY_1);
                                assertThat(c.windowEnd()).isEqualTo(JULY_1.plusMillis(DAY));
                                assertThat(c.otherIncidents())
                                        .as("one other incident per cell-day")
                                        .isEqualTo(1);
                                assertThat(c.z())
                                        .isCloseTo(
                                                c.value() == 2 ? zCentre : zNeighbour,
                                                within(1e-9));
                                assertThat(c.q()).isLessThan(0.05);
                            });
            assertThat(out)
                    .filteredOn(c -> c.value() == 2)
                    .singleElement()
                    .satisfies(
                            c -> assertThat(c.cell()).isEqualTo(H3Binner.h3().h3ToString(CENTRE)));
            assertThat(h.getSideOutput(CellHotspotFunction.SUMMARIES))
                    .extracting(StreamRecord::getValue)
                    .singleElement()
                    .isEqualTo(
                            new HotspotWindowSummary(
                                    1, JULY_1, JULY_1.plusMillis(DAY), 37, 7, 8, 0, 7, 0, 7, 0));
        }
    }

    @Test
    void threeShootingsInOneCellAreHotOnPValuesButNotAfterTheFdrCorrection() throws Exception {
        // mean 3/37, S^2 = 9/37 - mean^2; the centre and its six neighbours all have a ring sum of
        // 3:
        // z = (3 - 7 mean) / (S sqrt(35/6)) = 2.0702, p = 0.038, q = 0.038 * 37 / 7 = 0.20.
        for (boolean fdr : new boolean[] {false, true}) {
            try (var h = harness(config().withSignificance(0.05, fdr))) {
                h.processElement(day(1, CENTRE, JULY_1, 3), JULY_1.toEpochMilli());
                h.processWatermark(JULY_1.toEpochMilli() + DAY - 1);
                assertThat(h.extractOutputValues())
                        .as("fdr %s", fdr)
                        .hasSize(fdr ? 0 : 7)
                        .allSatisfy(c -> assertThat(c.z()).isCloseTo(2.0702, within(1e-4)));
            }
        }
    }

    @Test
    void theNextQuietDayCoolsTheCellAndTheStateIsGoneOnceNoKeptWindowIsSignificant()
            throws Exception {
        try (var h = harness(config())) {
            feedJuly1(h, 1);
            h.processWatermark(JULY_1.toEpochMilli() + DAY - 1);
            h.extractOutputValues();
            assertThat(h.numKeyedStateEntries()).isPositive();

            h.processWatermark(JULY_1.toEpochMilli() + 2 * DAY - 1);
            List<HotspotChange> all = h.extractOutputValues();
            assertThat(all.subList(7, all.size()))
                    .hasSize(7)
                    .allSatisfy(
                            c -> {
                                assertThat(c.change()).isEqualTo(HotspotChangeType.COOLED);
                                assertThat(c.status()).isEqualTo("NONE");
                                assertThat(c.value()).isZero();
                                assertThat(c.previousCategory()).isEqualTo("NEW_HOT_SPOT");
                                assertThat(c.category()).isEqualTo("NO_PATTERN");
                            });
            // The hot window stays in the 10-window history for 9 more closes, then all is cleared.
            h.processWatermark(JULY_1.toEpochMilli() + 10 * DAY - 1);
            assertThat(h.numKeyedStateEntries()).isPositive();
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            h.processWatermark(JULY_1.toEpochMilli() + 11 * DAY - 1);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.getSideOutput(CellHotspotFunction.SUMMARIES)).hasSize(11);
        }
    }

    @Test
    void aDayReEmittedLateChangesOnlyWindowsStillToCloseAndOneTooOldIsDropped() throws Exception {
        HotspotConfig week = config().withWindowDays(List.of(7));
        try (var h = harness(week)) {
            feedJuly1(h, 7);
            h.processWatermark(JULY_1.toEpochMilli() + 3 * DAY - 1);
            int closes = h.getSideOutput(CellHotspotFunction.SUMMARIES).size();
            assertThat(closes).isEqualTo(3);

            // July 1 re-emitted with one more shooting in the centre: the closed windows stay as
            // they were,
            // the next one (July 4, still covering July 1) counts it.
            h.processElement(day(7, CENTRE, JULY_1, 3), JULY_1.toEpochMilli() + DAY - 1);
            assertThat(h.getSideOutput(CellHotspotFunction.SUMMARIES)).hasSize(3);
            h.processWatermark(JULY_1.toEpochMilli() + 4 * DAY - 1);
            assertThat(h.getSideOutput(CellHotspotFunction.SUMMARIES))
                    .extracting(StreamRecord::getValue)
                    .extracting(HotspotWindowSummary::value)
                    .containsExactly(8L, 8L, 8L, 9L);

            // June 28 is in no window still to close (the next covers June 29 to July 5): dropped.
            h.processElement(
                    day(7, CENTRE, JULY_1.minusMillis(3 * DAY), 5), JULY_1.toEpochMilli() - 1);
            h.processWatermark(JULY_1.toEpochMilli() + 5 * DAY - 1);
            assertThat(h.getSideOutput(CellHotspotFunction.SUMMARIES))
                    .extracting(StreamRecord::getValue)
                    .extracting(HotspotWindowSummary::value)
                    .last()
                    .isEqualTo(9L);
        }
    }

    @Test
    void incidentsOutsideTheStudyAreaAreCountedAsOutsideAndTheirCellsNeverReported()
            throws Exception {
        long far = new H3Binner(9).cell(-76.55, 39.28);
        try (var h = harness(config())) {
            feedJuly1(h, 1);
            h.processElement(day(1, far, JULY_1, 4), JULY_1.toEpochMilli());
            h.processWatermark(JULY_1.toEpochMilli() + DAY - 1);
            assertThat(h.extractOutputValues())
                    .hasSize(7)
                    .extracting(HotspotChange::cell)
                    .doesNotContain(H3Binner.h3().h3ToString(far));
            assertThat(h.getSideOutput(CellHotspotFunction.SUMMARIES))
                    .extracting(StreamRecord::getValue)
                    .singleElement()
                    .satisfies(s -> assertThat(s.outsideValue()).isEqualTo(4));
        }
    }

    private static void feedJuly1(
            KeyedOneInputStreamOperatorTestHarness<Integer, HotspotDayCounts, HotspotChange> h,
            int length)
            throws Exception {
        h.processElement(day(length, CENTRE, JULY_1, 2), JULY_1.toEpochMilli() + DAY - 1);
        for (long c : RING1) {
            h.processElement(day(length, c, JULY_1, 1), JULY_1.toEpochMilli() + DAY - 1);
        }
    }

    static HotspotDayCounts day(int windowDays, long cell, Instant from, long shootings) {
        String date = from.atZone(java.time.ZoneId.of("America/New_York")).toLocalDate().toString();
        return new HotspotDayCounts(
                HotspotFact.CELL_SCOPE,
                H3Binner.h3().h3ToString(cell),
                windowDays,
                date,
                from,
                from.plusMillis(DAY),
                0,
                shootings,
                1,
                0,
                0,
                0);
    }

    static KeyedOneInputStreamOperatorTestHarness<Integer, HotspotDayCounts, HotspotChange> harness(
            HotspotConfig c) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new CellHotspotFunction(c), new HotspotKeys.WindowLength(), Types.INT);
    }
}
