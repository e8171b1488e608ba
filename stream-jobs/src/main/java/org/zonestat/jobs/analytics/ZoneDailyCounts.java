package org.zonestat.jobs.analytics;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.ZoneDayStats;
import org.zonestat.topics.ContactSketch;

/**
 * The per-zone daily scorecard: for one (layer, zone) key and one {@link LocalDayWindows local
 * day}, turns the day's {@link ZoneDayTally} ({@link ZoneDayTallying} adds the facts up, {@link
 * ZoneDayPartMerging} the parts {@link ZoneDayCombiner} made of them) into one {@link
 * ZoneDayStats}: the counts of each measure, the 311 workload's open and overdue changes, the
 * median days to close of the requests closed that day, the activities by kind and the day's
 * unique-contact sketch; {@link ZoneWorkload} turns the changes into standing counts.
 *
 * <p>State: the window's tally, kept by Flink's window operator until the window's end plus the
 * allowed lateness and then cleared by its cleanup timer; this function keeps none of its own. A
 * late fact within the allowed lateness re-fires the window, which emits the whole day again with
 * the new counts.
 */
public final class ZoneDailyCounts
        extends ProcessWindowFunction<ZoneDayTally, ZoneDayStats, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final LocalDayWindows days;

    public ZoneDailyCounts(LocalDayWindows days) {
        this.days = Objects.requireNonNull(days, "days");
    }

    @Override
    public void process(
            String key,
            Context context,
            Iterable<ZoneDayTally> tallies,
            Collector<ZoneDayStats> out) {
        TimeWindow w = context.window();
        ZoneDayTally t = tallies.iterator().next();
        int separator = key.indexOf(ZoneKey.SEPARATOR);
        out.collect(
                new ZoneDayStats(
                        key.substring(0, separator),
                        key.substring(separator + 1),
                        days.dayOf(w).toString(),
                        Instant.ofEpochMilli(w.getStart()),
                        Instant.ofEpochMilli(w.getEnd()),
                        t.homicides,
                        t.shootings,
                        t.otherViolent,
                        t.requestsOpened,
                        t.requestsClosed,
                        t.tips,
                        t.requestsOverdue,
                        t.medianDaysToClose(),
                        t.openChange,
                        t.overdueChange,
                        0,
                        0,
                        t.layerVersion,
                        Map.copyOf(t.activities),
                        t.contacts == null ? 0 : ContactSketch.wrap(t.contacts).estimate(),
                        t.contacts == null ? null : ContactSketch.wrap(t.contacts).encode(),
                        t.dosage()));
    }
}
