package org.zonestat.jobs.hotspots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.HotspotDayCounts;
import org.zonestat.jobs.model.HotspotZoneCounts;

/**
 * Sliding-window counts of one zone, keyed by (layer, zone): at every local midnight E, once the
 * watermark has passed it, emits one {@link HotspotZoneCounts} per configured window length L with
 * the zone's counts over [E - L days, E), if that window or the one closed a day earlier has an
 * incident (so a zone whose window empties is reported once with zeros, then no more).
 *
 * <p>A close costs O(window lengths), not O(days kept): the counts of the windows closed last are
 * kept as running sums, and each window of the next close is the one before it plus the day that
 * entered it minus the day that left it. A day re-emitted by a late incident adjusts the running
 * sums of the windows that hold it by its difference to the stored day. When the running sums are
 * missing (state written by a version without them) or the closes are not consecutive days, the
 * close recomputes the windows from the kept days, as {@link #recomputingEachClose} always does.
 *
 * <p><b>State</b>: {@code days}, the zone's day counts of the last (longest L) + 1 days ({@code
 * MapState}, key = the day's first instant), pruned at each close to what the next close needs;
 * {@code lastClose}, the last window end; {@code windowSums}, the counts by kind of each window
 * length's window at {@code lastClose} (a {@code long[]}, six kinds per length in the configured
 * order). Event-time timers: the end of each day with counts, and a daily renewal while days are
 * kept. When the last day has been pruned, all three are cleared and no timer is left. A day
 * re-emitted by a late incident replaces the stored one and so changes the windows still to close;
 * a day older than all of those is dropped and counted ({@code zonestat.lateHotspotDays}). Closed
 * windows are never emitted again. Not thread-safe: Flink calls it from its task thread only.
 */
public final class ZoneWindowSums
        extends KeyedProcessFunction<String, HotspotDayCounts, HotspotZoneCounts> {
    private static final long serialVersionUID = 1L;

    private static final int KINDS = 6;

    private final HotspotConfig config;
    private final boolean runningSums;

    private transient int[] lengths;
    private transient MapState<Long, HotspotDayCounts> days;
    private transient ValueState<Long> lastClose;
    private transient ValueState<long[]> windowSums;
    private transient Counter lateDays;

    public ZoneWindowSums(HotspotConfig config) {
        this(config, true);
    }

    private ZoneWindowSums(HotspotConfig config, boolean runningSums) {
        this.config = Objects.requireNonNull(config, "config");
        this.runningSums = runningSums;
    }

    /**
     * The same windows, each close summing every kept day and no running sums kept (the state of
     * earlier versions): the reference the running sums are tested against.
     */
    static ZoneWindowSums recomputingEachClose(HotspotConfig config) {
        return new ZoneWindowSums(config, false);
    }

    @Override
    public void open(OpenContext openContext) {
        lengths = config.windowDays().stream().mapToInt(Integer::intValue).toArray();
        days =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "zone-days",
                                        Types.LONG,
                                        TypeInformation.of(HotspotDayCounts.class)));
        lastClose =
                getRuntimeContext().getState(new ValueStateDescriptor<>("last-close", Types.LONG));
        windowSums =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "window-sums",
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        lateDays =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("zonestat")
                        .counter("lateHotspotDays");
    }

    @Override
    public void processElement(HotspotDayCounts day, Context ctx, Collector<HotspotZoneCounts> out)
            throws Exception {
        long closeTimer = day.until().toEpochMilli() - 1;
        Long last = lastClose.value();
        if (closeTimer > ctx.timerService().currentWatermark()
                && (last == null || day.until().toEpochMilli() > last)) {
            ctx.timerService().registerEventTimeTimer(closeTimer);
        } else if (last == null
                || day.from()
                        .isBefore(
                                minusDays(
                                        Instant.ofEpochMilli(last), config.maxWindowDays() - 1))) {
            lateDays.inc();
            return;
        }
        long key = day.from().toEpochMilli();
        if (last != null && day.until().toEpochMilli() <= last) {
            adjustClosedWindows(day, days.get(key), Instant.ofEpochMilli(last));
        }
        days.put(key, day);
    }

    /**
     * Replaces {@code old} (null if none) by the late {@code day} in the running sums of the
     * windows closed at {@code last} that hold it.
     */
    private void adjustClosedWindows(HotspotDayCounts day, HotspotDayCounts old, Instant last)
            throws Exception {
        long[] sums = windowSums.value();
        if (!runningSums || sums == null || sums.length != lengths.length * KINDS) {
            return;
        }
        for (int i = 0; i < lengths.length; i++) {
            if (!day.from().isBefore(minusDays(last, lengths[i]))) {
                add(sums, i, day, 1);
                add(sums, i, old, -1);
            }
        }
        windowSums.update(sums);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HotspotZoneCounts> out)
            throws Exception {
        long end = timestamp + 1;
        Long last = lastClose.value();
        if (last != null && end <= last) {
            return;
        }
        Instant close = Instant.ofEpochMilli(end);
        Instant previousClose = minusDays(close, 1);
        long[] before = runningSums(last, previousClose);
        boolean consecutive = before != null;
        List<HotspotDayCounts> kept = null;
        if (!consecutive) {
            kept = new ArrayList<>();
            days.values().forEach(kept::add);
            before = new long[lengths.length * KINDS];
            for (int i = 0; i < lengths.length; i++) {
                sum(kept, minusDays(previousClose, lengths[i]), previousClose, before, i);
            }
        }
        long[] now = new long[lengths.length * KINDS];
        HotspotDayCounts entered = consecutive ? days.get(dayStart(close, 1)) : null;
        String[] scopeKey = null;
        for (int i = 0; i < lengths.length; i++) {
            int length = lengths[i];
            if (consecutive) {
                System.arraycopy(before, i * KINDS, now, i * KINDS, KINDS);
                add(now, i, entered, 1);
                add(now, i, days.get(dayStart(close, length + 1)), -1);
            } else {
                sum(kept, minusDays(close, length), close, now, i);
            }
            if (total(now, i) > 0 || total(before, i) > 0) {
                if (scopeKey == null) {
                    scopeKey = ctx.getCurrentKey().split(String.valueOf(HotspotKeys.SEPARATOR), 2);
                }
                int k = i * KINDS;
                out.collect(
                        new HotspotZoneCounts(
                                length,
                                minusDays(close, length),
                                close,
                                scopeKey[0],
                                scopeKey[1],
                                now[k],
                                now[k + 1],
                                now[k + 2],
                                now[k + 3],
                                now[k + 4],
                                now[k + 5]));
            }
        }
        lastClose.update(end);
        if (runningSums) {
            windowSums.update(now);
        }

        if (consecutive) {
            // Every day before the previous close's longest window is gone already.
            days.remove(dayStart(close, config.maxWindowDays() + 1));
        } else {
            Instant keepFrom = minusDays(close, config.maxWindowDays());
            List<Long> old = new ArrayList<>();
            for (Map.Entry<Long, HotspotDayCounts> e : days.entries()) {
                if (e.getValue().from().isBefore(keepFrom)) {
                    old.add(e.getKey());
                }
            }
            for (Long k : old) {
                days.remove(k);
            }
        }
        if (days.isEmpty()) {
            days.clear();
            lastClose.clear();
            windowSums.clear();
        } else {
            ctx.timerService().registerEventTimeTimer(minusDays(close, -1).toEpochMilli() - 1);
        }
    }

    /**
     * The running sums of the windows closed at {@code previousClose}: zeros before the first close
     * (every kept day ends at this close or later), the kept sums if the last close was {@code
     * previousClose}; null if they have to be recomputed from the kept days.
     */
    private long[] runningSums(Long last, Instant previousClose) throws Exception {
        if (!runningSums) {
            return null;
        }
        if (last == null) {
            return new long[lengths.length * KINDS];
        }
        long[] sums = windowSums.value();
        return last == previousClose.toEpochMilli()
                        && sums != null
                        && sums.length == lengths.length * KINDS
                ? sums
                : null;
    }

    /** Adds the counts by kind of the days within [from, until) to the window {@code i}. */
    private static void sum(
            List<HotspotDayCounts> days, Instant from, Instant until, long[] sums, int i) {
        for (HotspotDayCounts d : days) {
            if (!d.from().isBefore(from) && !d.until().isAfter(until)) {
                add(sums, i, d, 1);
            }
        }
    }

    /**
     * Adds {@code sign} times the counts of {@code d} (nothing if null) to the window {@code i}.
     */
    private static void add(long[] sums, int i, HotspotDayCounts d, int sign) {
        if (d == null) {
            return;
        }
        int k = i * KINDS;
        sums[k] += sign * d.homicides();
        sums[k + 1] += sign * d.shootings();
        sums[k + 2] += sign * d.aggravatedAssaults();
        sums[k + 3] += sign * d.robberies();
        sums[k + 4] += sign * d.otherViolent();
        sums[k + 5] += sign * d.other();
    }

    private static long total(long[] sums, int i) {
        long t = 0;
        for (int k = i * KINDS; k < (i + 1) * KINDS; k++) {
            t += sums[k];
        }
        return t;
    }

    private Instant minusDays(Instant t, int n) {
        return t.atZone(config.timeZone()).minusDays(n).toInstant();
    }

    /** The first instant of the local day {@code n} days before the one {@code close} starts. */
    private long dayStart(Instant close, int n) {
        return close.atZone(config.timeZone())
                .toLocalDate()
                .minusDays(n)
                .atStartOfDay(config.timeZone())
                .toInstant()
                .toEpochMilli();
    }
}
