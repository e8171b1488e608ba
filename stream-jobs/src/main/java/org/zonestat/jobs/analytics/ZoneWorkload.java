package org.zonestat.jobs.analytics;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.ZoneDayStats;

/**
 * Turns each zone's daily 311 workload changes into standing counts: the open and overdue 311
 * requests in the zone at the end of each day it emits ({@link ZoneDayStats#openAtEnd}, {@link
 * ZoneDayStats#overdueAtEnd}). A zone with no record for a day had no change that day: its counts
 * stand as of its latest earlier day.
 *
 * <p>A day can be emitted again, with new counts, while it is within the allowed lateness; its
 * change replaces the one it had, so the running totals stay exact, and the day's end counts are
 * the totals less the changes of the later days already seen. Later days already written are not
 * written again.
 *
 * <p><b>State</b>, per (layer, zone): the running totals with the end of the latest day seen (kept
 * while the zone exists: a few numbers per zone), and the changes of the days that can still be
 * emitted again, keyed by their end; each is removed by its own event-time timer at its end plus
 * the allowed lateness. A day at or after the latest seen has no later days to subtract, so a
 * zone's days in time order (a batch run's sorted input, where the timers fire only at the end)
 * cost one step each, not one per day still held.
 */
public final class ZoneWorkload extends KeyedProcessFunction<String, ZoneDayStats, ZoneDayStats> {
    private static final long serialVersionUID = 1L;

    /** Length of the totals: open, overdue, and the end of the latest day seen. */
    private static final int TOTALS = 3;

    private final Duration lateness;

    private transient ValueState<long[]> totals;
    private transient MapState<Long, long[]> recentDays;

    public ZoneWorkload(Duration lateness) {
        this.lateness = Objects.requireNonNull(lateness, "lateness");
    }

    @Override
    public void open(OpenContext openContext) {
        totals = getRuntimeContext().getState(totalsDescriptor());
        recentDays = getRuntimeContext().getMapState(recentDaysDescriptor());
    }

    static ValueStateDescriptor<long[]> totalsDescriptor() {
        return new ValueStateDescriptor<>(
                "workload-totals", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    static MapStateDescriptor<Long, long[]> recentDaysDescriptor() {
        return new MapStateDescriptor<>(
                "workload-recent-days",
                Types.LONG,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    @Override
    public void processElement(ZoneDayStats day, Context ctx, Collector<ZoneDayStats> out)
            throws Exception {
        long end = day.until().toEpochMilli();
        long[] t = totals.value();
        if (t == null) {
            t = new long[] {0, 0, Long.MIN_VALUE};
        } else if (t.length < TOTALS) {
            t = new long[] {t[0], t[1], latestHeld()}; // state from before the latest was kept
        }
        long[] before = recentDays.get(end);
        if (before == null) {
            before = new long[2];
            ctx.timerService().registerEventTimeTimer(end + lateness.toMillis());
        }
        t[0] += day.openChange() - before[0];
        t[1] += day.overdueChange() - before[1];
        boolean latest = end >= t[2];
        t[2] = Math.max(t[2], end);
        totals.update(t);
        recentDays.put(end, new long[] {day.openChange(), day.overdueChange()});

        long open = t[0];
        long overdue = t[1];
        if (!latest) {
            for (Map.Entry<Long, long[]> later : recentDays.entries()) {
                if (later.getKey() > end) {
                    open -= later.getValue()[0];
                    overdue -= later.getValue()[1];
                }
            }
        }
        out.collect(day.withWorkload(open, overdue));
    }

    /** The end of the latest day held, or {@link Long#MIN_VALUE} if none. */
    private long latestHeld() throws Exception {
        long latest = Long.MIN_VALUE;
        for (Long end : recentDays.keys()) {
            latest = Math.max(latest, end);
        }
        return latest;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ZoneDayStats> out)
            throws Exception {
        // Each held day has its own timer at its end plus the lateness, and timers fire in time
        // order: this one's day is the only one to go.
        recentDays.remove(timestamp - lateness.toMillis());
        if (recentDays.isEmpty()) {
            recentDays.clear();
        }
    }

    /** Keys scorecard days by (layer, zone), like {@link ZoneKey}. */
    public static final class DayZoneKey implements KeySelector<ZoneDayStats, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ZoneDayStats day) {
            return day.layer() + ZoneKey.SEPARATOR + day.zone();
        }
    }
}
