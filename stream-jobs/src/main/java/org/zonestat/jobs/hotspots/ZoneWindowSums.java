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
 * <p><b>State</b>: {@code days}, the zone's day counts of the last (longest L) + 1 days ({@code
 * MapState}, key = the day's first instant), pruned at each close to what the next close needs;
 * {@code lastClose}, the last window end. Event-time timers: the end of each day with counts, and a
 * daily renewal while days are kept. When the last day has been pruned, both states are cleared and
 * no timer is left. A day re-emitted by a late incident replaces the stored one and so changes the
 * windows still to close; a day older than all of those is dropped and counted ({@code
 * zonestat.lateHotspotDays}). Closed windows are never emitted again.
 */
public final class ZoneWindowSums
        extends KeyedProcessFunction<String, HotspotDayCounts, HotspotZoneCounts> {
    private static final long serialVersionUID = 1L;

    private final HotspotConfig config;

    private transient MapState<Long, HotspotDayCounts> days;
    private transient ValueState<Long> lastClose;
    private transient Counter lateDays;

    public ZoneWindowSums(HotspotConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void open(OpenContext openContext) {
        days =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "zone-days",
                                        Types.LONG,
                                        TypeInformation.of(HotspotDayCounts.class)));
        lastClose =
                getRuntimeContext().getState(new ValueStateDescriptor<>("last-close", Types.LONG));
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
        days.put(day.from().toEpochMilli(), day);
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
        List<HotspotDayCounts> kept = new ArrayList<>();
        days.values().forEach(kept::add);
        for (int length : config.windowDays()) {
            long[] now = sum(kept, minusDays(close, length), close);
            long[] before = sum(kept, minusDays(previousClose, length), previousClose);
            if (total(now) > 0 || total(before) > 0) {
                String[] scopeKey =
                        ctx.getCurrentKey().split(String.valueOf(HotspotKeys.SEPARATOR), 2);
                out.collect(
                        new HotspotZoneCounts(
                                length,
                                minusDays(close, length),
                                close,
                                scopeKey[0],
                                scopeKey[1],
                                now[0],
                                now[1],
                                now[2],
                                now[3],
                                now[4],
                                now[5]));
            }
        }
        lastClose.update(end);

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
        if (days.isEmpty()) {
            days.clear();
            lastClose.clear();
        } else {
            ctx.timerService().registerEventTimeTimer(minusDays(close, -1).toEpochMilli() - 1);
        }
    }

    /** Counts by kind of the days within [from, until). */
    private static long[] sum(List<HotspotDayCounts> days, Instant from, Instant until) {
        long[] s = new long[6];
        for (HotspotDayCounts d : days) {
            if (!d.from().isBefore(from) && !d.until().isAfter(until)) {
                s[0] += d.homicides();
                s[1] += d.shootings();
                s[2] += d.aggravatedAssaults();
                s[3] += d.robberies();
                s[4] += d.otherViolent();
                s[5] += d.other();
            }
        }
        return s;
    }

    private static long total(long[] s) {
        long t = 0;
        for (long x : s) {
            t += x;
        }
        return t;
    }

    private Instant minusDays(Instant t, int n) {
        return t.atZone(config.timeZone()).minusDays(n).toInstant();
    }
}
