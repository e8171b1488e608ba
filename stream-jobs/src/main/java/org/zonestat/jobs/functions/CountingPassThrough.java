package org.zonestat.jobs.functions;

import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes every element through and counts it in the metric {@code zonestat.<metricName>}. Used on
 * side outputs of records that came too late for their window, so they are neither lost silently
 * nor mixed into closed results.
 *
 * <p>Stateless.
 */
public final class CountingPassThrough<T> extends ProcessFunction<T, T> {
    private static final long serialVersionUID = 1L;

    private final String metricName;
    private transient Counter counter;

    public CountingPassThrough(String metricName) {
        this.metricName = Objects.requireNonNull(metricName, "metricName");
    }

    @Override
    public void open(OpenContext openContext) {
        counter = getRuntimeContext().getMetricGroup().addGroup("zonestat").counter(metricName);
    }

    @Override
    public void processElement(T element, Context ctx, Collector<T> out) {
        counter.inc();
        out.collect(element);
    }
}
