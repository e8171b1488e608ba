package org.zonestat.jobs.functions;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes every element through and adds its weight to the metric {@code zonestat.<metricName>}.
 * Used on side outputs of records that came too late for their window, so they are neither lost
 * silently nor mixed into closed results; where the late records are parts that add up several
 * facts, the weight is the facts a part holds, so that the metric counts facts.
 *
 * <p>Stateless.
 *
 * @param <T> the elements passed through
 */
public final class CountingPassThrough<T> extends ProcessFunction<T, T> {
    private static final long serialVersionUID = 1L;

    /** How much an element adds to the metric. Serializable: it travels with the function. */
    @FunctionalInterface
    public interface Weight<T> extends ToLongFunction<T>, Serializable {}

    private final String metricName;
    private final Weight<T> weight;
    private transient Counter counter;

    /** Counts each element once. */
    public CountingPassThrough(String metricName) {
        this(metricName, e -> 1);
    }

    /** Adds each element's {@code weight}. */
    public CountingPassThrough(String metricName, Weight<T> weight) {
        this.metricName = Objects.requireNonNull(metricName, "metricName");
        this.weight = Objects.requireNonNull(weight, "weight");
    }

    @Override
    public void open(OpenContext openContext) {
        counter = getRuntimeContext().getMetricGroup().addGroup("zonestat").counter(metricName);
    }

    @Override
    public void processElement(T element, Context ctx, Collector<T> out) {
        counter.inc(weight.applyAsLong(element));
        out.collect(element);
    }
}
