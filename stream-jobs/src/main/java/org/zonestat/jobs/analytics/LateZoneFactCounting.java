package org.zonestat.jobs.analytics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes every zone-day part that came after its day's allowed lateness through and counts the zone
 * facts it holds ({@link ZoneDayPart#facts}) in the metric {@code zonestat.lateZoneFacts}, so the
 * metric counts facts, not parts, as it did before the facts were combined (a late part is in fact
 * always a single fact: {@link ZoneDayCombiner} passes a fact of an ended day on alone).
 *
 * <p>Stateless.
 */
public final class LateZoneFactCounting extends ProcessFunction<ZoneDayPart, ZoneDayPart> {
    private static final long serialVersionUID = 1L;

    private transient Counter counter;

    @Override
    public void open(OpenContext openContext) {
        counter =
                getRuntimeContext().getMetricGroup().addGroup("zonestat").counter("lateZoneFacts");
    }

    @Override
    public void processElement(ZoneDayPart part, Context ctx, Collector<ZoneDayPart> out) {
        counter.inc(part.facts());
        out.collect(part);
    }
}
