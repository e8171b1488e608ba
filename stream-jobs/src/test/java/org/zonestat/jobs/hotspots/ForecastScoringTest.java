package org.zonestat.jobs.hotspots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.H3Binner;
import org.zonestat.jobs.io.TopicMessages;
import org.zonestat.jobs.model.ForecastEvaluation;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotChangeType;
import org.zonestat.jobs.model.HotspotDayCounts;
import org.zonestat.jobs.model.HotspotFact;
import org.zonestat.topics.ForecastScoreMessage;

/**
 * The forecast scoring in the keyed two-input harness, on a scripted grid checked by hand: the 37
 * resolution-9 cells within 3 steps of a cell in Sandtown-Winchester, Gi* hot cells given, a 14-day
 * baseline and a 7-day horizon.
 */
class ForecastScoringTest {
    static final long CENTRE = CellHotspotFunctionTest.CENTRE;
    static final long[] AREA = CellHotspotFunctionTest.AREA;
    static final long[] RING1 = CellHotspotFunctionTest.RING1;
    static final long FAR = H3Binner.h3().gridRing(CENTRE, 2).get(0);
    static final long OUTSIDE = H3Binner.h3().gridRing(CENTRE, 5).get(0);
    static final long N1 = RING1[0];
    static final long N2 = RING1[1];
    static final long N3 = RING1[2];
    static final long N4 = RING1[3];
    // Local days in Baltimore (EDT, no clock change in July): day 0 starts 2019-07-01 04:00Z.
    static final Instant DAY0 = CellHotspotFunctionTest.JULY_1;
    static final long DAY = CellHotspotFunctionTest.DAY;
    static final ForecastConfig FORECAST = new ForecastConfig(7, 7, 14);

    static HotspotConfig config() {
        return HotspotConfig.defaults()
                .withWindowDays(List.of(7))
                .withCells(9, 1, HotspotStudyArea.ofCells(AREA));
    }

    /**
     * The data start on day 0, so the first close with a full 14-day baseline is day 14. Baseline
     * days 0-13: N1 has 3 shootings (days 2, 5, 9), N2 has 2 (days 10, 12), N3 has 2 (days 1, 3),
     * and a cell outside the study area 5. Gi* calls the centre and N4 hot at day 14. Days 14-20:
     * the centre has 3, N4 1, N1 2, N3 1, a cell two steps out 2 (9 events in the study area), the
     * outside cell 4.
     *
     * <p>By hand. Gi*: hits 3 + 1 = 4 of 9, hit rate 0.4444; 2 of 37 cells flagged, area share
     * 0.054054; PAI = (4/9) / (2/37) = 148/18 = 8.222. Baseline, 2 cells: N1 (3) first; N2 and N3
     * tie at 2, N2 has more in the last 7 days (2 against 0): {N1, N2}; hits 2 + 0 = 2, hit rate
     * 0.2222, PAI = (2/9) / (2/37) = 74/18 = 4.111.
     */
    @Test
    void theHotCellsAndTheBaselineAreScoredAsComputedByHand() throws Exception {
        try (var h = harness()) {
            script(h);
            long scoredAt = DAY0.toEpochMilli() + 21 * DAY;
            h.processBothWatermarks(new Watermark(scoredAt + DAY - 2));
            assertThat(h.extractOutputValues())
                    .as("nothing before the scored week is final (its end plus a day of lateness)")
                    .isEmpty();
            h.processBothWatermarks(new Watermark(scoredAt + DAY));
            List<ForecastEvaluation> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            ForecastEvaluation f = out.get(0);
            assertThat(f.forecastAt()).isEqualTo(DAY0.plusMillis(14 * DAY));
            assertThat(f.scoredUntil()).isEqualTo(DAY0.plusMillis(21 * DAY));
            assertThat(f.studyAreaCells()).isEqualTo(37);
            assertThat(f.flaggedCells()).isEqualTo(2);
            assertThat(f.events()).isEqualTo(9);
            assertThat(f.hits()).isEqualTo(4);
            assertThat(f.baselineHits()).isEqualTo(2);

            ForecastScoreMessage m = TopicMessages.forecastScore(f);
            assertThat(m.hitRate()).isEqualTo(0.4444);
            assertThat(m.areaShare()).isCloseTo(2.0 / 37, within(1e-6));
            assertThat(m.pai()).isEqualTo(8.222);
            assertThat(m.baselineHitRate()).isEqualTo(0.2222);
            assertThat(m.baselinePai()).isEqualTo(4.111);
            assertThat(m.key()).isEqualTo("7d/forecast/2019-07-15T04:00:00Z");
        }
    }

    @Test
    void aCloseWithoutHotCellsIsScoredWithNothingFlaggedAndTheStateEndsWithTheData()
            throws Exception {
        try (var h = harness()) {
            script(h);
            h.processBothWatermarks(new Watermark(DAY0.toEpochMilli() + 23 * DAY));
            List<ForecastEvaluation> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            ForecastEvaluation next = out.get(1);
            assertThat(next.forecastAt()).isEqualTo(DAY0.plusMillis(15 * DAY));
            assertThat(next.flaggedCells()).isZero();
            assertThat(next.events()).as("days 15-21: all but day 14's 2").isEqualTo(7);
            assertThat(TopicMessages.forecastScore(next).pai()).isNull();
            assertThat(TopicMessages.forecastScore(next).baselinePai()).isNull();
            assertThat(h.numKeyedStateEntries()).isPositive();
            assertThat(h.numEventTimeTimers()).isEqualTo(1);

            // The last day with counts (20) is the first baseline day of the close of day 34,
            // scored
            // on day 41: after that nothing is kept and no timer is left.
            h.processBothWatermarks(new Watermark(DAY0.toEpochMilli() + 43 * DAY));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            List<ForecastEvaluation> all = h.extractOutputValues();
            assertThat(all.get(all.size() - 1).forecastAt()).isEqualTo(DAY0.plusMillis(34 * DAY));
        }
    }

    @Test
    void aDayTooOldForAnyScoreStillToComeIsDropped() throws Exception {
        try (var h = harness()) {
            script(h);
            h.processBothWatermarks(new Watermark(DAY0.toEpochMilli() + 30 * DAY));
            int before = h.numKeyedStateEntries();
            h.processElement1(day(N1, 0, 5), DAY0.toEpochMilli());
            assertThat(h.numKeyedStateEntries()).isEqualTo(before);
        }
    }

    @Test
    void anEarlierFirstDayArrivingLaterMovesTheFirstScoreEarlier() throws Exception {
        // Day counts come from parallel windows: day 2 may arrive before day 0.
        try (var h = harness()) {
            h.processElement1(day(N1, 2, 1), DAY0.toEpochMilli() + 3 * DAY - 1);
            h.processElement1(day(N1, 0, 1), DAY0.toEpochMilli() + DAY - 1);
            h.processBothWatermarks(new Watermark(DAY0.toEpochMilli() + 22 * DAY));
            assertThat(h.extractOutputValues())
                    .extracting(ForecastEvaluation::forecastAt)
                    .containsExactly(DAY0.plusMillis(14 * DAY));
        }
    }

    private static void script(
            KeyedTwoInputStreamOperatorTestHarness<
                            Integer, HotspotDayCounts, HotspotChange, ForecastEvaluation>
                    h)
            throws Exception {
        List<HotspotDayCounts> days = new ArrayList<>();
        days.add(day(FAR, 0, 0)); // day 0 has an incident of another kind: the data start
        for (int d : new int[] {2, 5, 9}) {
            days.add(day(N1, d, 1));
        }
        days.add(day(N2, 10, 1));
        days.add(day(N2, 12, 1));
        days.add(day(N3, 1, 1));
        days.add(day(N3, 3, 1));
        days.add(day(OUTSIDE, 4, 5));
        days.add(day(CENTRE, 14, 2));
        days.add(day(CENTRE, 16, 1));
        days.add(day(N4, 18, 1));
        days.add(day(N1, 15, 1));
        days.add(day(N1, 19, 1));
        days.add(day(N3, 20, 1));
        days.add(day(FAR, 17, 2));
        days.add(day(OUTSIDE, 15, 4));
        days.sort((a, b) -> a.from().compareTo(b.from()));
        for (HotspotDayCounts d : days) {
            h.processElement1(d, d.until().toEpochMilli() - 1);
        }
        Instant close = DAY0.plusMillis(14 * DAY);
        for (long cell : new long[] {CENTRE, N4}) {
            h.processElement2(hot(cell, close), close.toEpochMilli() - 1);
        }
    }

    static HotspotDayCounts day(long cell, int day, long shootings) {
        Instant from = DAY0.plusMillis(day * DAY);
        return new HotspotDayCounts(
                HotspotFact.CELL_SCOPE,
                H3Binner.h3().h3ToString(cell),
                0,
                "2019-07-" + String.format("%02d", 1 + day),
                from,
                from.plusMillis(DAY),
                0,
                shootings,
                0,
                0,
                0,
                1);
    }

    static HotspotChange hot(long cell, Instant close) {
        return new HotspotChange(
                7,
                close.minusMillis(7 * DAY),
                close,
                H3Binner.h3().h3ToString(cell),
                0,
                0,
                0,
                1,
                0,
                1,
                3.2,
                0.001,
                0.01,
                "HOT",
                "NEW_HOT_SPOT",
                "NO_PATTERN",
                HotspotChangeType.TURNED_HOT);
    }

    static KeyedTwoInputStreamOperatorTestHarness<
                    Integer, HotspotDayCounts, HotspotChange, ForecastEvaluation>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new ForecastScoring(config(), FORECAST),
                new ForecastGraph.DaysKey(7),
                new ForecastGraph.CellsKey(7),
                Types.INT);
    }
}
