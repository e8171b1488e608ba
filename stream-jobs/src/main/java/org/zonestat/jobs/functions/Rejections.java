package org.zonestat.jobs.functions;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.OutputTag;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;

/** The side output every stage sends refused records to, and its per-reason counters. */
public final class Rejections {
    /** The side output carrying rejections. */
    public static final OutputTag<Rejection> TAG = new OutputTag<>("rejected") {};

    private Rejections() {}

    /** One counter per reason under {@code zonestat.rejected.<code>} of the given group. */
    public static Map<RejectReason, Counter> counters(MetricGroup operatorGroup) {
        MetricGroup group = operatorGroup.addGroup("zonestat").addGroup("rejected");
        Map<RejectReason, Counter> counters = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            counters.put(r, group.counter(r.code()));
        }
        return counters;
    }
}
