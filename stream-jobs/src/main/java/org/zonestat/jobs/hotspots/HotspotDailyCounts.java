package org.zonestat.jobs.hotspots;

import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.analytics.LocalDayWindows;
import org.zonestat.jobs.model.HotspotDayCounts;

/**
 * Counts the incidents of each kind of one scope (an H3 cell or a zone) on one {@link
 * LocalDayWindows local day}, and emits one {@link HotspotDayCounts}: {@link Tallying} adds each
 * {@link HotspotDayPart} (the scope-day's facts that one subtask combined between two watermarks)
 * to the day's {@link HotspotDayTally} as it comes, and this function turns the tally into the
 * day's counts when the window fires. Every fact counts once: the tagged stream carries each
 * incident once (redeliveries end at {@code dedupe-and-tag}), as for the daily scorecard.
 *
 * <p>State: one tally per scope and day, kept by Flink's window operator until the day's end plus
 * the allowed lateness and then cleared by its cleanup timer; none of its own. A late part within
 * the lateness re-fires the day, which is emitted again whole.
 */
public final class HotspotDailyCounts
        extends ProcessWindowFunction<HotspotDayTally, HotspotDayCounts, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final LocalDayWindows days;

    public HotspotDailyCounts(LocalDayWindows days) {
        this.days = Objects.requireNonNull(days, "days");
    }

    @Override
    public void process(
            String key,
            Context context,
            Iterable<HotspotDayTally> tallies,
            Collector<HotspotDayCounts> out) {
        out.collect(counts(tallies.iterator().next(), days, context.window()));
    }

    private static HotspotDayCounts counts(HotspotDayTally t, LocalDayWindows days, TimeWindow w) {
        Objects.requireNonNull(t.scope, "a window has at least one fact");
        return new HotspotDayCounts(
                t.scope,
                t.key,
                0,
                days.dayOf(w).toString(),
                Instant.ofEpochMilli(w.getStart()),
                Instant.ofEpochMilli(w.getEnd()),
                t.homicides,
                t.shootings,
                t.aggravatedAssaults,
                t.robberies,
                t.otherViolent,
                t.other);
    }

    /** Adds each part of a scope and day to its tally. Stateless. */
    public static final class Tallying
            implements AggregateFunction<HotspotDayPart, HotspotDayTally, HotspotDayTally> {
        private static final long serialVersionUID = 1L;

        @Override
        public HotspotDayTally createAccumulator() {
            return new HotspotDayTally();
        }

        @Override
        public HotspotDayTally add(HotspotDayPart p, HotspotDayTally t) {
            if (t.scope == null) {
                t.scope = p.scope();
                t.key = p.key();
            }
            t.homicides += p.homicides();
            t.shootings += p.shootings();
            t.aggravatedAssaults += p.aggravatedAssaults();
            t.robberies += p.robberies();
            t.otherViolent += p.otherViolent();
            t.other += p.other();
            return t;
        }

        @Override
        public HotspotDayTally getResult(HotspotDayTally t) {
            return t;
        }

        @Override
        public HotspotDayTally merge(HotspotDayTally a, HotspotDayTally b) {
            if (a.scope == null) {
                return b;
            }
            a.homicides += b.homicides;
            a.shootings += b.shootings;
            a.aggravatedAssaults += b.aggravatedAssaults;
            a.robberies += b.robberies;
            a.otherViolent += b.otherViolent;
            a.other += b.other;
            return a;
        }
    }
}
