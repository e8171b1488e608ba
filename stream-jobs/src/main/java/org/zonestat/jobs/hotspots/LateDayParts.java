package org.zonestat.jobs.hotspots;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes through the day parts that came after their day's allowed lateness and counts the facts
 * they hold in the metric {@code zonestat.lateHotspotFacts}, so that late incidents are neither
 * lost silently nor mixed into closed days.
 *
 * <p>Stateless.
 */
public final class LateDayParts extends ProcessFunction<HotspotDayPart, HotspotDayPart> {
    private static final long serialVersionUID = 1L;

    private transient Counter lateFacts;

    @Override
    public void open(OpenContext openContext) {
        lateFacts =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("zonestat")
                        .counter("lateHotspotFacts");
    }

    @Override
    public void processElement(HotspotDayPart part, Context ctx, Collector<HotspotDayPart> out) {
        lateFacts.inc(part.total());
        out.collect(part);
    }
}
