package org.zonestat.jobs.analytics;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.ZoneDayStats;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/**
 * The per-zone daily scorecard: for one (layer, zone) key and one {@link LocalDayWindows local
 * day}, counts the distinct events (by event id) of each {@link ZoneMeasure} and emits one {@link
 * ZoneDayStats}. Counting distinct ids makes a redelivered event count once. The 311 workload facts
 * from the lifecycle add up to the day's open and overdue changes and the median days to close of
 * the requests closed that day; {@link ZoneWorkload} turns the changes into standing counts.
 *
 * <p>State: the window's buffered facts, kept by Flink's window operator until the window's end
 * plus the allowed lateness and then cleared by its cleanup timer; this function keeps none of
 * its own. A late fact within the allowed lateness re-fires the window, which emits the whole
 * day again with the new counts.
 */
public final class ZoneDailyCounts extends ProcessWindowFunction<ZoneFact, ZoneDayStats, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final LocalDayWindows days;

    public ZoneDailyCounts(LocalDayWindows days) {
        this.days = Objects.requireNonNull(days, "days");
    }

    @Override
    public void process(String key, Context context, Iterable<ZoneFact> facts, Collector<ZoneDayStats> out) {
        TimeWindow w = context.window();
        ZoneFact first = facts.iterator().next();
        out.collect(count(first.layer(), first.zone(), facts, days, w));
    }

    /** The scorecard of some facts of one zone and day. */
    static ZoneDayStats count(String layer, String zone, Iterable<ZoneFact> facts, LocalDayWindows days,
            TimeWindow w) {
        Map<ZoneMeasure, Set<String>> ids = new EnumMap<>(ZoneMeasure.class);
        Map<String, Double> daysToClose = new HashMap<>();
        long openChange = 0;
        long overdueChange = 0;
        for (ZoneFact f : facts) {
            switch (f.measure()) {
                case OPEN_CHANGE -> openChange += (long) f.value();
                case OVERDUE_CHANGE -> overdueChange += (long) f.value();
                case DAYS_TO_CLOSE -> daysToClose.put(f.eventId(), f.value());
                default -> ids.computeIfAbsent(f.measure(), m -> new HashSet<>()).add(f.eventId());
            }
        }
        return new ZoneDayStats(layer, zone, days.dayOf(w).toString(), Instant.ofEpochMilli(w.getStart()),
                Instant.ofEpochMilli(w.getEnd()), n(ids, ZoneMeasure.HOMICIDE), n(ids, ZoneMeasure.SHOOTING),
                n(ids, ZoneMeasure.OTHER_VIOLENT), n(ids, ZoneMeasure.REQUEST_OPENED),
                n(ids, ZoneMeasure.REQUEST_CLOSED), n(ids, ZoneMeasure.TIP), n(ids, ZoneMeasure.REQUEST_OVERDUE),
                median(daysToClose.values()), openChange, overdueChange, 0, 0);
    }

    /** The median of some values; NaN when there are none. */
    static double median(Collection<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static long n(Map<ZoneMeasure, Set<String>> ids, ZoneMeasure m) {
        Set<String> s = ids.get(m);
        return s == null ? 0 : s.size();
    }
}
