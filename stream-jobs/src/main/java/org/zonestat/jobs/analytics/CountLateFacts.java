package org.zonestat.jobs.analytics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.ZoneFact;

/**
 * Passes through the zone facts that arrived after their day's allowed lateness, counting them
 * ({@code zonestat.lateZoneFacts}; one late event counts once per zone layer it lies in), so they
 * are neither lost silently nor mixed into closed days.
 *
 * <p>Stateless.
 */
public final class CountLateFacts extends ProcessFunction<ZoneFact, ZoneFact> {
    private static final long serialVersionUID = 1L;
    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().addGroup("zonestat").counter("lateZoneFacts");
    }

    @Override
    public void processElement(ZoneFact fact, Context ctx, Collector<ZoneFact> out) {
        late.inc();
        out.collect(fact);
    }
}
