package org.zonestat.jobs.hotspots;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.stats.ForecastScore;
import org.zonestat.jobs.model.ForecastEvaluation;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotDayCounts;

/**
 * Scores the Gi* hot cells of every close of one window length against what followed, beside the
 * simplest rule. Keyed by that window length (one key: a city's few hundred cells meet in one
 * place); input 1 is the H3 cells' {@link HotspotDayCounts}, input 2 the {@link HotspotChange}s of
 * that window length whose status is {@code HOT}.
 *
 * <p><b>What is scored.</b> For a close E (a local midnight) with hot cells H: the shootings and
 * homicides (the hotspot value kinds) of the study area in the {@code horizonDays} local days from
 * E are the events; those in H are the hits. The baseline flags |H| cells too: the study-area cells
 * with the most events in the {@code baselineDays} before E, ties broken by more in the last 7 of
 * those days, then by cell address. Both are {@link ForecastScore}s over the same study area (PAI =
 * hit rate / area share). A close with no hot cell (Gi* found nothing significant, or had nothing
 * to compute) is scored with 0 cells flagged: its PAI is undefined.
 *
 * <p><b>When.</b> The forecast of E is scored once the watermark passes E + {@code horizonDays} +
 * the allowed lateness: then every day it needs is final (a later record is rejected as late
 * upstream), so a score is never revised. Only closes at least {@code baselineDays} after the first
 * day seen are scored, so the baseline always has its full history.
 *
 * <p><b>State</b> (one key): {@code cell-days}, the value count of each cell and day with a
 * non-zero count ({@code MapState}, key {@code <day start millis>/<cell>}), pruned after each score
 * to the days the next one needs ({@code baselineDays} before its close onwards); {@code
 * hot-cells}, the hot cells of each close not yet scored ({@code MapState}, key: the close),
 * removed when scored; {@code next-score} (the next scoring midnight). One event-time timer at a
 * time, renewed daily while any day count or hot cell remains; when none does, all state is cleared
 * and no timer is left. Day counts too old for any score still to come are dropped and counted
 * ({@code zonestat.lateForecastDays}).
 */
public final class ForecastScoring
        extends KeyedCoProcessFunction<
                Integer, HotspotDayCounts, HotspotChange, ForecastEvaluation> {
    private static final long serialVersionUID = 1L;
    private static final int RECENT_DAYS = 7;

    private final HotspotConfig hotspots;
    private final ForecastConfig forecast;

    private transient long[] area;
    private transient Set<String> areaAddresses;
    private transient MapState<String, Long> cellDays;
    private transient MapState<Long, String[]> hotCells;
    private transient ValueState<Long> nextScore;
    private transient Counter lateDays;

    public ForecastScoring(HotspotConfig hotspots, ForecastConfig forecast) {
        this.hotspots = Objects.requireNonNull(hotspots, "hotspots");
        this.forecast = Objects.requireNonNull(forecast, "forecast");
    }

    @Override
    public void open(OpenContext openContext) {
        area = hotspots.studyArea().cells(hotspots.cellResolution());
        areaAddresses = new HashSet<>(area.length * 2);
        for (long c : area) {
            areaAddresses.add(H3Binner.h3().h3ToString(c));
        }
        cellDays = getRuntimeContext().getMapState(cellDaysDescriptor());
        hotCells = getRuntimeContext().getMapState(hotCellsDescriptor());
        nextScore = getRuntimeContext().getState(nextScoreDescriptor());
        lateDays =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("zonestat")
                        .counter("lateForecastDays");
    }

    static MapStateDescriptor<String, Long> cellDaysDescriptor() {
        return new MapStateDescriptor<>("forecast-cell-days", Types.STRING, Types.LONG);
    }

    static MapStateDescriptor<Long, String[]> hotCellsDescriptor() {
        return new MapStateDescriptor<>(
                "forecast-hot-cells", Types.LONG, BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO);
    }

    static ValueStateDescriptor<Long> nextScoreDescriptor() {
        return new ValueStateDescriptor<>("forecast-next-score", Types.LONG);
    }

    @Override
    public void processElement1(
            HotspotDayCounts day, Context ctx, Collector<ForecastEvaluation> out) throws Exception {
        long start = day.from().toEpochMilli();
        Long next = nextScore.value();
        // The first close with a full baseline, scored once its horizon is final: set by the
        // first day seen, moved earlier by an earlier day while that scoring is still to come
        // (days reach this operator from parallel windows in any order).
        long firstScore = plusDays(start, forecast.baselineDays() + forecast.horizonDays());
        if (next == null
                || (firstScore < next
                        && timerAt(firstScore) > ctx.timerService().currentWatermark())) {
            nextScore.update(firstScore);
            ctx.timerService().registerEventTimeTimer(timerAt(firstScore));
            next = firstScore;
        }
        if (start < keepDaysFrom(next)) {
            lateDays.inc();
            return;
        }
        long value = CellHotspotFunction.value(day, hotspots.valueKinds());
        String key = start + "/" + day.key();
        if (value > 0) {
            cellDays.put(key, value);
        } else {
            cellDays.remove(key);
        }
    }

    @Override
    public void processElement2(HotspotChange cell, Context ctx, Collector<ForecastEvaluation> out)
            throws Exception {
        if (!"HOT".equals(cell.status()) || cell.windowDays() != forecast.windowDays()) {
            return;
        }
        long close = cell.windowEnd().toEpochMilli();
        Long next = nextScore.value();
        if (next != null && close < plusDays(next, -forecast.horizonDays())) {
            return; // that close was scored already
        }
        String[] cells = hotCells.get(close);
        if (cells == null) {
            hotCells.put(close, new String[] {cell.cell()});
        } else if (!Arrays.asList(cells).contains(cell.cell())) {
            String[] more = Arrays.copyOf(cells, cells.length + 1);
            more[cells.length] = cell.cell();
            hotCells.put(close, more);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ForecastEvaluation> out)
            throws Exception {
        Long scoring = nextScore.value();
        if (scoring == null || timestamp != timerAt(scoring)) {
            return;
        }
        long close = plusDays(scoring, -forecast.horizonDays());
        out.collect(score(close, scoring));
        hotCells.remove(close);

        long next = plusDays(scoring, 1);
        long keepFrom = keepDaysFrom(next);
        List<String> old = new ArrayList<>();
        for (String k : cellDays.keys()) {
            if (Long.parseLong(k.substring(0, k.indexOf('/'))) < keepFrom) {
                old.add(k);
            }
        }
        for (String k : old) {
            cellDays.remove(k);
        }
        List<Long> stale = new ArrayList<>();
        for (Long c : hotCells.keys()) {
            if (c < plusDays(next, -forecast.horizonDays())) {
                stale.add(c);
            }
        }
        for (Long c : stale) {
            hotCells.remove(c);
        }
        if (cellDays.isEmpty() && hotCells.isEmpty()) {
            cellDays.clear();
            hotCells.clear();
            nextScore.clear();
            return;
        }
        nextScore.update(next);
        ctx.timerService().registerEventTimeTimer(timerAt(next));
    }

    /** The forecast of the close {@code close}, scored over [close, until). */
    private ForecastEvaluation score(long close, long until) throws Exception {
        long baselineFrom = plusDays(close, -forecast.baselineDays());
        long recentFrom = plusDays(close, -RECENT_DAYS);
        Map<String, Long> outcome = new HashMap<>();
        Map<String, Long> history = new HashMap<>();
        Map<String, Long> recent = new HashMap<>();
        for (Map.Entry<String, Long> e : cellDays.entries()) {
            String k = e.getKey();
            int slash = k.indexOf('/');
            long day = Long.parseLong(k.substring(0, slash));
            String cell = k.substring(slash + 1);
            if (!areaAddresses.contains(cell)) {
                continue;
            }
            if (day >= close && day < until) {
                outcome.merge(cell, e.getValue(), Long::sum);
            } else if (day >= baselineFrom && day < close) {
                history.merge(cell, e.getValue(), Long::sum);
                if (day >= recentFrom) {
                    recent.merge(cell, e.getValue(), Long::sum);
                }
            }
        }
        String[] hot = hotCells.get(close);
        Set<Long> flagged = new HashSet<>();
        if (hot != null) {
            for (String c : hot) {
                if (areaAddresses.contains(c)) {
                    flagged.add(H3Binner.h3().stringToH3(c));
                }
            }
        }
        Set<Long> baseline = baseline(history, recent, flagged.size());
        long[] eventCells = eventCells(outcome);
        ForecastScore gi = ForecastScore.ofCells(flagged, eventCells, area.length);
        ForecastScore naive = ForecastScore.ofCells(baseline, eventCells, area.length);
        return new ForecastEvaluation(
                forecast.windowDays(),
                forecast.horizonDays(),
                forecast.baselineDays(),
                Instant.ofEpochMilli(close),
                Instant.ofEpochMilli(until),
                area.length,
                flagged.size(),
                gi.events(),
                gi.hits(),
                naive.hits());
    }

    /**
     * The {@code k} study-area cells with the most events before the close: most in the baseline
     * days, then most in its last 7, then the lowest cell address.
     */
    private Set<Long> baseline(Map<String, Long> history, Map<String, Long> recent, int k) {
        List<String> cells = new ArrayList<>(areaAddresses);
        cells.sort(
                Comparator.<String>comparingLong(c -> -history.getOrDefault(c, 0L))
                        .thenComparingLong(c -> -recent.getOrDefault(c, 0L))
                        .thenComparing(Comparator.naturalOrder()));
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < k && i < cells.size(); i++) {
            out.add(H3Binner.h3().stringToH3(cells.get(i)));
        }
        return out;
    }

    private static long[] eventCells(Map<String, Long> outcome) {
        long n = outcome.values().stream().mapToLong(Long::longValue).sum();
        long[] out = new long[(int) n];
        int i = 0;
        for (Map.Entry<String, Long> e : outcome.entrySet()) {
            long cell = H3Binner.h3().stringToH3(e.getKey());
            for (long j = 0; j < e.getValue(); j++) {
                out[i++] = cell;
            }
        }
        return out;
    }

    /** The first day the scoring at {@code scoring} and later ones still need. */
    private long keepDaysFrom(long scoring) {
        return plusDays(scoring, -forecast.horizonDays() - forecast.baselineDays());
    }

    /** When the scoring at midnight {@code scoring} runs: once its last day is final. */
    private long timerAt(long scoring) {
        return scoring + hotspots.lateness().toMillis();
    }

    private long plusDays(long millis, int days) {
        ZoneId zone = hotspots.timeZone();
        return Instant.ofEpochMilli(millis).atZone(zone).plusDays(days).toInstant().toEpochMilli();
    }
}
