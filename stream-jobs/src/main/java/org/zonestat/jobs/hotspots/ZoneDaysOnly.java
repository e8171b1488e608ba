package org.zonestat.jobs.hotspots;

import org.apache.flink.api.common.functions.FilterFunction;
import org.zonestat.jobs.model.HotspotDayCounts;
import org.zonestat.jobs.model.HotspotFact;

/** Keeps the day counts of zones (drops those of H3 cells). Stateless. */
public final class ZoneDaysOnly implements FilterFunction<HotspotDayCounts> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(HotspotDayCounts day) {
        return !HotspotFact.CELL_SCOPE.equals(day.scope());
    }
}
