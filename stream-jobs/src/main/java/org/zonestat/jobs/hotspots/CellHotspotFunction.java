package org.zonestat.jobs.hotspots;

import com.uber.h3core.util.LatLng;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.stats.CellNeighbors;
import org.zonestat.geo.stats.EmergingHotSpotCategory;
import org.zonestat.geo.stats.EmergingHotSpotClassifier;
import org.zonestat.geo.stats.GetisOrdGiStar;
import org.zonestat.geo.stats.GiStar;
import org.zonestat.geo.stats.H3RingNeighbors;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotChangeType;
import org.zonestat.jobs.model.HotspotDayCounts;
import org.zonestat.jobs.model.HotspotGiSnapshot;
import org.zonestat.jobs.model.HotspotWindowSummary;
import org.zonestat.jobs.model.IncidentKind;

/**
 * Getis-Ord Gi* hot spots of one window length, keyed by that length (so all cells of a window meet
 * in one place; a city has a few thousand cells). Input: H3 cells' {@link HotspotDayCounts} routed
 * to this length. At every local midnight E, once the watermark has passed it, the window [E - L
 * days, E) is closed: the cells' values (by default homicides + shootings) are summed over its
 * days, zero-filled over the {@link HotspotStudyArea}, and {@link GetisOrdGiStar} (k-ring weights,
 * Benjamini-Hochberg q-values) is computed; the {@link EmergingHotSpotClassifier} classifies each
 * cell's last k windows (E, E - s, ..., E - (k-1)s for the step s, by default the window length:
 * non-overlapping windows). Emits a {@link HotspotChange} for every cell that is hot or cold, or
 * whose status or category changed since the window of E - 1 day ({@link HotspotStatus#change}),
 * and one {@link HotspotWindowSummary} on {@link #SUMMARIES}.
 *
 * <p>Windows close every day while the key has state, also on days without incidents (a
 * self-renewing daily timer), so a cooling cell is reported. A window is never closed twice: day
 * counts re-emitted by late incidents update the stored days and so the windows still to close, and
 * day counts too old for any of those are dropped and counted ({@code zonestat.lateHotspotDays}).
 *
 * <p><b>State</b> (per window length): {@code days}, the cell-day counts of the last L days ({@code
 * MapState}, key {@code <day>/<cell>}), pruned at each close to the days the next window needs;
 * {@code snapshots}, the study area's Gi* (float z, p, q per cell) at each close back to {@code E -
 * (k-1)s - 1 day} ({@code MapState}, key window end), pruned likewise, so bounded by {@code ((k-1)s
 * + 2)} × study-area cells; and {@code lastClose}. When, after a close, no day counts remain and no
 * kept snapshot has a significant cell (so every category is NO_PATTERN and there is nothing left
 * to report), all three are cleared and no timer is left. Event-time timers: one per day with
 * counts (its end) plus the daily renewal, all at local midnights minus 1 ms. The watermark
 * reaching its maximum at the end of a bounded input closes the remaining windows day by day until
 * the state is cleared. Beside the state, on the heap: which cells of each kept snapshot are hot or
 * cold, derived from the snapshot once (a window is never closed twice) and dropped with it;
 * rebuilt from the snapshots after a restore. A close reads the kept days once, for the window's
 * sums and for pruning. Not thread-safe: Flink calls it from its task thread only.
 */
public final class CellHotspotFunction
        extends KeyedProcessFunction<Integer, HotspotDayCounts, HotspotChange> {
    private static final long serialVersionUID = 1L;

    /** One overview per window close. */
    public static final OutputTag<HotspotWindowSummary> SUMMARIES =
            new OutputTag<>("hotspot-summaries") {};

    private final HotspotConfig config;

    private transient long[] area;
    private transient Map<Long, Integer> position;
    private transient Map<String, Integer> positionByAddress;
    private transient Map<WindowEnd, boolean[]> significantCells;
    private transient long areaFingerprint;
    private transient GetisOrdGiStar giStar;
    private transient EmergingHotSpotClassifier classifier;
    private transient MapState<String, HotspotDayCounts> days;
    private transient MapState<Long, HotspotGiSnapshot> snapshots;
    private transient ValueState<Long> lastClose;
    private transient Counter lateDays;

    public CellHotspotFunction(HotspotConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void open(OpenContext openContext) {
        area = config.studyArea().cells(config.cellResolution());
        areaFingerprint = HotspotStudyArea.fingerprint(area);
        position = new HashMap<>(area.length * 2);
        positionByAddress = new HashMap<>(area.length * 2);
        significantCells = new HashMap<>();
        for (int i = 0; i < area.length; i++) {
            position.put(area[i], i);
            positionByAddress.put(H3Binner.h3().h3ToString(area[i]), i);
        }
        giStar = new GetisOrdGiStar(cachedNeighbors(area, new H3RingNeighbors(config.ringK())));
        classifier =
                new EmergingHotSpotClassifier(
                        config.significance(), config.fdr(), config.trendSignificance());
        days = getRuntimeContext().getMapState(daysDescriptor());
        snapshots = getRuntimeContext().getMapState(snapshotsDescriptor());
        lastClose =
                getRuntimeContext().getState(new ValueStateDescriptor<>("last-close", Types.LONG));
        lateDays =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("zonestat")
                        .counter("lateHotspotDays");
    }

    static MapStateDescriptor<String, HotspotDayCounts> daysDescriptor() {
        return new MapStateDescriptor<>(
                "cell-days", Types.STRING, TypeInformation.of(HotspotDayCounts.class));
    }

    static MapStateDescriptor<Long, HotspotGiSnapshot> snapshotsDescriptor() {
        return new MapStateDescriptor<>(
                "gi-snapshots", Types.LONG, TypeInformation.of(HotspotGiSnapshot.class));
    }

    @Override
    public void processElement(HotspotDayCounts day, Context ctx, Collector<HotspotChange> out)
            throws Exception {
        long closeTimer = day.until().toEpochMilli() - 1;
        Long last = lastClose.value();
        if (closeTimer > ctx.timerService().currentWatermark()
                && (last == null || day.until().toEpochMilli() > last)) {
            ctx.timerService().registerEventTimeTimer(closeTimer);
        } else if (last == null
                || day.from()
                        .isBefore(minusDays(Instant.ofEpochMilli(last), ctx.getCurrentKey() - 1))) {
            // Its day is in no window still to close.
            lateDays.inc();
            return;
        }
        days.put(day.day() + "/" + day.key(), day);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HotspotChange> out)
            throws Exception {
        long end = timestamp + 1;
        Long last = lastClose.value();
        if (last != null && end <= last) {
            return;
        }
        int length = ctx.getCurrentKey();
        Instant close = Instant.ofEpochMilli(end);
        int step = config.stepDays(length);
        Instant nextClose = minusDays(close, -1);
        long keepDaysFrom = minusDays(nextClose, length).toEpochMilli();
        // One pass over the kept days: the window's sums, and the days the next window no
        // longer needs.
        WindowSums window = new WindowSums(minusDays(close, length).toEpochMilli(), end);
        List<String> oldDays = new ArrayList<>();
        boolean anyDay = false;
        for (Map.Entry<String, HotspotDayCounts> e : days.entries()) {
            HotspotDayCounts d = e.getValue();
            window.add(d);
            if (d.from().toEpochMilli() < keepDaysFrom) {
                oldDays.add(e.getKey());
            } else {
                anyDay = true;
            }
        }
        close(length, close, window, ctx, out);
        lastClose.update(end);
        for (String k : oldDays) {
            days.remove(k);
        }
        long keepSnapshotsFrom =
                minusDays(close, (config.historySteps() - 1) * step).toEpochMilli();
        List<Long> oldSnapshots = new ArrayList<>();
        boolean anySignificant = false;
        for (Map.Entry<Long, HotspotGiSnapshot> e : snapshots.entries()) {
            if (e.getKey() < keepSnapshotsFrom) {
                oldSnapshots.add(e.getKey());
            } else if (!anySignificant && hasSignificant(length, e.getValue())) {
                anySignificant = true;
            }
        }
        for (Long k : oldSnapshots) {
            snapshots.remove(k);
        }
        significantCells
                .keySet()
                .removeIf(w -> w.length() == length && w.end() < keepSnapshotsFrom);
        if (anyDay || anySignificant) {
            ctx.timerService().registerEventTimeTimer(nextClose.toEpochMilli() - 1);
        } else {
            days.clear();
            snapshots.clear();
            lastClose.clear();
            significantCells.keySet().removeIf(w -> w.length() == length);
        }
    }

    /**
     * The values and counts by kind of the study area's cells over one window, added up day by day.
     * Not thread-safe.
     */
    private final class WindowSums {
        private final long from;
        private final long until;
        private final Set<IncidentKind> kinds = config.valueKinds();
        final double[] values = new double[area.length];
        final Map<Integer, long[]> kindCounts = new HashMap<>();
        long outside;

        /** Sums over the days within [from, until), epoch milliseconds. */
        WindowSums(long from, long until) {
            this.from = from;
            this.until = until;
        }

        /** Adds a cell's day if it lies within the window. */
        void add(HotspotDayCounts d) {
            if (d.from().toEpochMilli() < from || d.until().toEpochMilli() > until) {
                return;
            }
            long value = value(d, kinds);
            Integer i = positionByAddress.get(d.key());
            if (i == null) {
                i = position.get(H3Binner.h3().stringToH3(d.key()));
            }
            if (i == null) {
                outside += value;
                return;
            }
            values[i] += value;
            long[] c = kindCounts.computeIfAbsent(i, x -> new long[3]);
            c[0] += d.homicides();
            c[1] += d.shootings();
            c[2] += d.total() - d.homicides() - d.shootings();
        }
    }

    /** Closes the window of {@code length} days ending at {@code close}. */
    private void close(
            int length,
            Instant close,
            WindowSums window,
            OnTimerContext ctx,
            Collector<HotspotChange> out)
            throws Exception {
        Instant start = minusDays(close, length);
        double[] values = window.values;
        Map<Integer, long[]> kindCounts = window.kindCounts;
        long outside = window.outside;
        GiStar[] gi = giStar.compute(area, values);
        HotspotGiSnapshot now = snapshot(close.toEpochMilli(), gi);
        snapshots.put(close.toEpochMilli(), now);

        int step = config.stepDays(length);
        Instant previousClose = minusDays(close, 1);
        HotspotGiSnapshot previous = usable(snapshots.get(previousClose.toEpochMilli()));
        List<HotspotGiSnapshot> series = series(close, step);
        List<HotspotGiSnapshot> previousSeries = series(previousClose, step);
        boolean[] significantInSeries = anySignificant(length, series, previousSeries);

        int hot = 0;
        int cold = 0;
        int turnedHot = 0;
        int cooled = 0;
        int active = 0;
        long total = 0;
        for (int i = 0; i < area.length; i++) {
            total += (long) values[i];
            active += values[i] > 0 ? 1 : 0;
            HotspotStatus status = HotspotStatus.of(gi[i], config.significance(), config.fdr());
            HotspotStatus before = previous == null ? HotspotStatus.NONE : status(previous, i);
            if (status == HotspotStatus.NONE
                    && before == HotspotStatus.NONE
                    && !significantInSeries[i]) {
                continue;
            }
            EmergingHotSpotCategory category = classify(series, i);
            EmergingHotSpotCategory categoryBefore = classify(previousSeries, i);
            Optional<HotspotChangeType> change =
                    HotspotStatus.change(before, status, categoryBefore, category);
            hot += status == HotspotStatus.HOT ? 1 : 0;
            cold += status == HotspotStatus.COLD ? 1 : 0;
            if (change.isEmpty()) {
                continue;
            }
            turnedHot += change.get() == HotspotChangeType.TURNED_HOT ? 1 : 0;
            cooled += before == HotspotStatus.HOT && status != HotspotStatus.HOT ? 1 : 0;
            long[] c = kindCounts.getOrDefault(i, new long[3]);
            LatLng centre = H3Binner.h3().cellToLatLng(area[i]);
            out.collect(
                    new HotspotChange(
                            length,
                            start,
                            close,
                            H3Binner.h3().h3ToString(area[i]),
                            centre.lng,
                            centre.lat,
                            c[0],
                            c[1],
                            c[2],
                            (long) values[i],
                            gi[i].z(),
                            gi[i].p(),
                            gi[i].q(),
                            status.name(),
                            category.name(),
                            categoryBefore.name(),
                            change.get()));
        }
        ctx.output(
                SUMMARIES,
                new HotspotWindowSummary(
                        length,
                        start,
                        close,
                        area.length,
                        active,
                        total,
                        outside,
                        hot,
                        cold,
                        turnedHot,
                        cooled));
    }

    /**
     * The snapshots of the windows {@code close - (k-1)s, ..., close}, oldest first; a window with
     * no snapshot (before the first close, or while the state was cleared because nothing was
     * significant) is null and counts as z = 0, p = q = 1, as {@code classifyWindows} does for
     * missing cells. So a cell is not called persistent on the job's first day.
     */
    private List<HotspotGiSnapshot> series(Instant close, int step) throws Exception {
        List<HotspotGiSnapshot> out = new ArrayList<>();
        for (int j = config.historySteps() - 1; j >= 0; j--) {
            out.add(usable(snapshots.get(minusDays(close, j * step).toEpochMilli())));
        }
        return out;
    }

    private HotspotGiSnapshot usable(HotspotGiSnapshot s) {
        return s != null && s.studyArea() == areaFingerprint && s.z().length == area.length
                ? s
                : null;
    }

    private EmergingHotSpotCategory classify(List<HotspotGiSnapshot> series, int i) {
        List<GiStar> steps = new ArrayList<>(series.size());
        for (HotspotGiSnapshot s : series) {
            steps.add(
                    s == null
                            ? new GiStar(area[i], 0, 0, 1, 1)
                            : new GiStar(area[i], 0, s.z()[i], s.p()[i], s.q()[i]));
        }
        return classifier.classify(steps);
    }

    /** Which cells are hot or cold in any snapshot of {@code series} or {@code previousSeries}. */
    private boolean[] anySignificant(
            int length, List<HotspotGiSnapshot> series, List<HotspotGiSnapshot> previousSeries) {
        boolean[] any = new boolean[area.length];
        for (List<HotspotGiSnapshot> ss : List.of(series, previousSeries)) {
            for (HotspotGiSnapshot s : ss) {
                if (s == null) {
                    continue;
                }
                boolean[] significant = significantCells(length, s);
                for (int i = 0; i < any.length; i++) {
                    any[i] |= significant[i];
                }
            }
        }
        return any;
    }

    /**
     * The hot or cold cells of a usable snapshot, computed once per snapshot and kept beside the
     * state (a window is never closed twice, so its snapshot never changes) until it is pruned.
     */
    private boolean[] significantCells(int length, HotspotGiSnapshot s) {
        return significantCells.computeIfAbsent(
                new WindowEnd(length, s.windowEnd()),
                w -> {
                    boolean[] significant = new boolean[area.length];
                    for (int i = 0; i < area.length; i++) {
                        significant[i] = status(s, i) != HotspotStatus.NONE;
                    }
                    return significant;
                });
    }

    /** A window of one length, by its end: the key of the significance kept per snapshot. */
    private record WindowEnd(int length, long end) {}

    private HotspotStatus status(HotspotGiSnapshot s, int i) {
        return HotspotStatus.of(s.z()[i], s.p()[i], s.q()[i], config.significance(), config.fdr());
    }

    private boolean hasSignificant(int length, HotspotGiSnapshot s) {
        if (usable(s) != null) {
            for (boolean significant : significantCells(length, s)) {
                if (significant) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 0; i < s.z().length; i++) {
            if (HotspotStatus.of(s.z()[i], s.p()[i], s.q()[i], config.significance(), config.fdr())
                    != HotspotStatus.NONE) {
                return true;
            }
        }
        return false;
    }

    private HotspotGiSnapshot snapshot(long end, GiStar[] gi) {
        float[] z = new float[gi.length];
        float[] p = new float[gi.length];
        float[] q = new float[gi.length];
        for (int i = 0; i < gi.length; i++) {
            z[i] = (float) gi[i].z();
            p[i] = (float) gi[i].p();
            q[i] = (float) gi[i].q();
        }
        return new HotspotGiSnapshot(end, areaFingerprint, z, p, q);
    }

    private Instant minusDays(Instant t, int n) {
        ZoneId zone = config.timeZone();
        return t.atZone(zone).minusDays(n).toInstant();
    }

    static long value(HotspotDayCounts d, Set<IncidentKind> kinds) {
        long v = 0;
        for (IncidentKind k : kinds) {
            v +=
                    switch (k) {
                        case HOMICIDE -> d.homicides();
                        case SHOOTING -> d.shootings();
                        case AGGRAVATED_ASSAULT -> d.aggravatedAssaults();
                        case ROBBERY -> d.robberies();
                        case OTHER_VIOLENT -> d.otherViolent();
                        case OTHER -> d.other();
                    };
        }
        return v;
    }

    /**
     * The neighbours of the study area's cells, computed once: Gi* asks for every cell's ring at
     * every window, and the H3 library call dominates otherwise.
     */
    static CellNeighbors cachedNeighbors(long[] cells, CellNeighbors inner) {
        Map<Long, long[]> table = new HashMap<>(cells.length * 2);
        for (long c : cells) {
            table.put(c, inner.of(c));
        }
        return cell -> {
            long[] n = table.get(cell);
            return n != null ? n : inner.of(cell);
        };
    }
}
