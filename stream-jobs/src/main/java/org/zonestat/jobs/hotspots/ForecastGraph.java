package org.zonestat.jobs.hotspots;

import java.util.Objects;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.zonestat.jobs.model.ForecastEvaluation;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotDayCounts;
import org.zonestat.jobs.model.HotspotFact;

/**
 * Attaches the forecast scoring to the hotspot graph's outputs: the cells' day counts and the hot
 * cells of the forecast window meet in {@link ForecastScoring}, keyed by that window length.
 *
 * <pre>
 *   day counts ─▶ forecast-cell-days ─keyBy(window)─┐
 *                                                   ├─▶ forecast-scores ─▶ hotspots (forecast-score)
 *   hot cells  ─▶ forecast-hot-cells ─keyBy(window)─┘
 * </pre>
 *
 * <p>Stateless; the class only builds graph nodes.
 */
public final class ForecastGraph {
    private ForecastGraph() {}

    /**
     * Adds the scoring to the hotspot graph's {@code days} and {@code changes}.
     *
     * @throws IllegalArgumentException if the forecast window is not one of the hotspot windows
     */
    public static SingleOutputStreamOperator<ForecastEvaluation> attach(
            HotspotGraph.Outputs hotspotOutputs, HotspotConfig hotspots, ForecastConfig forecast) {
        Objects.requireNonNull(hotspotOutputs, "hotspotOutputs");
        if (!hotspots.windowDays().contains(forecast.windowDays())) {
            throw new IllegalArgumentException(
                    "the forecast window of "
                            + forecast.windowDays()
                            + " days is not one of the hotspot windows "
                            + hotspots.windowDays());
        }
        int window = forecast.windowDays();
        DataStream<HotspotDayCounts> cells =
                hotspotOutputs
                        .days()
                        .filter(new CellDays())
                        .name("forecast-cell-days")
                        .uid("hotspots-forecast-cell-days");
        DataStream<HotspotChange> hot =
                hotspotOutputs
                        .changes()
                        .filter(new HotCellsOf(window))
                        .name("forecast-hot-cells")
                        .uid("hotspots-forecast-hot-cells");
        return cells.keyBy(new DaysKey(window))
                .connect(hot.keyBy(new CellsKey(window)))
                .process(new ForecastScoring(hotspots, forecast))
                .name("forecast-scores")
                .uid("hotspots-forecast-scores");
    }

    /** H3 cells' day counts (not zones'). */
    static final class CellDays implements FilterFunction<HotspotDayCounts> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(HotspotDayCounts d) {
            return HotspotFact.CELL_SCOPE.equals(d.scope());
        }
    }

    /** Hot cells of one window length. */
    static final class HotCellsOf implements FilterFunction<HotspotChange> {
        private static final long serialVersionUID = 1L;
        private final int days;

        HotCellsOf(int days) {
            this.days = days;
        }

        @Override
        public boolean filter(HotspotChange c) {
            return c.windowDays() == days && "HOT".equals(c.status());
        }
    }

    /** Keys day counts by the forecast window length: one key. */
    static final class DaysKey implements KeySelector<HotspotDayCounts, Integer> {
        private static final long serialVersionUID = 1L;
        private final int days;

        DaysKey(int days) {
            this.days = days;
        }

        @Override
        public Integer getKey(HotspotDayCounts value) {
            return days;
        }
    }

    /** Keys hot cells by the forecast window length: the same one key. */
    static final class CellsKey implements KeySelector<HotspotChange, Integer> {
        private static final long serialVersionUID = 1L;
        private final int days;

        CellsKey(int days) {
            this.days = days;
        }

        @Override
        public Integer getKey(HotspotChange value) {
            return days;
        }
    }
}
