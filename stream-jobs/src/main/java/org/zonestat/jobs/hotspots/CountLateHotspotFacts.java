package org.zonestat.jobs.hotspots;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.HotspotFact;

/**
 * Passes through the hotspot facts that arrived after their day's allowed lateness, counting them
 * ({@code zonestat.lateHotspotFacts}; one late incident counts once for its cell and once per zone
 * layer), so they are neither lost silently nor mixed into closed windows.
 *
 * <p>Stateless.
 */
public final class CountLateHotspotFacts extends ProcessFunction<HotspotFact, HotspotFact> {
    private static final long serialVersionUID = 1L;
    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().addGroup("zonestat").counter("lateHotspotFacts");
    }

    @Override
    public void processElement(HotspotFact fact, Context ctx, Collector<HotspotFact> out) {
        late.inc();
        out.collect(fact);
    }
}
