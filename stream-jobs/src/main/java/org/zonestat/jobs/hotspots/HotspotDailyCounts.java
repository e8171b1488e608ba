package org.zonestat.jobs.hotspots;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.analytics.LocalDayWindows;
import org.zonestat.jobs.model.HotspotDayCounts;
import org.zonestat.jobs.model.HotspotFact;
import org.zonestat.jobs.model.IncidentKind;

/**
 * Counts the distinct incidents (by event id) of each kind of one scope (an H3 cell or a zone) on
 * one {@link LocalDayWindows local day}, and emits one {@link HotspotDayCounts}. Counting distinct
 * ids makes a redelivered incident count once.
 *
 * <p>State: the day's buffered facts, kept by Flink's window operator until the day's end plus the
 * allowed lateness and then cleared by its cleanup timer; none of its own. A late fact within the
 * lateness re-fires the day, which is emitted again whole.
 */
public final class HotspotDailyCounts
        extends ProcessWindowFunction<HotspotFact, HotspotDayCounts, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final LocalDayWindows days;

    public HotspotDailyCounts(LocalDayWindows days) {
        this.days = Objects.requireNonNull(days, "days");
    }

    @Override
    public void process(
            String key,
            Context context,
            Iterable<HotspotFact> facts,
            Collector<HotspotDayCounts> out) {
        out.collect(count(facts, days, context.window()));
    }

    /** The counts of some facts of one scope and day. */
    static HotspotDayCounts count(Iterable<HotspotFact> facts, LocalDayWindows days, TimeWindow w) {
        Map<IncidentKind, Set<String>> ids = new EnumMap<>(IncidentKind.class);
        HotspotFact first = null;
        for (HotspotFact f : facts) {
            first = first == null ? f : first;
            ids.computeIfAbsent(IncidentKind.valueOf(f.kind()), k -> new HashSet<>())
                    .add(f.eventId());
        }
        Objects.requireNonNull(first, "a window has at least one fact");
        return new HotspotDayCounts(
                first.scope(),
                first.key(),
                0,
                days.dayOf(w).toString(),
                Instant.ofEpochMilli(w.getStart()),
                Instant.ofEpochMilli(w.getEnd()),
                n(ids, IncidentKind.HOMICIDE),
                n(ids, IncidentKind.SHOOTING),
                n(ids, IncidentKind.AGGRAVATED_ASSAULT),
                n(ids, IncidentKind.ROBBERY),
                n(ids, IncidentKind.OTHER_VIOLENT),
                n(ids, IncidentKind.OTHER));
    }

    private static long n(Map<IncidentKind, Set<String>> ids, IncidentKind k) {
        Set<String> s = ids.get(k);
        return s == null ? 0 : s.size();
    }
}
