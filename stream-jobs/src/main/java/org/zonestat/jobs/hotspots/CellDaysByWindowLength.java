package org.zonestat.jobs.hotspots;

import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.HotspotDayCounts;

/**
 * Routes each H3 cell's day counts to every configured window length (one copy per length, to be
 * keyed by length for {@link CellHotspotFunction}); zone day counts produce nothing.
 *
 * <p>Stateless.
 */
public final class CellDaysByWindowLength
        implements FlatMapFunction<HotspotDayCounts, HotspotDayCounts> {
    private static final long serialVersionUID = 1L;

    private final List<Integer> windowDays;

    public CellDaysByWindowLength(List<Integer> windowDays) {
        this.windowDays = List.copyOf(windowDays);
    }

    @Override
    public void flatMap(HotspotDayCounts day, Collector<HotspotDayCounts> out) {
        if (!day.scope().equals(org.zonestat.jobs.model.HotspotFact.CELL_SCOPE)) {
            return;
        }
        for (int days : windowDays) {
            out.collect(day.withWindowDays(days));
        }
    }
}
