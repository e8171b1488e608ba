package org.zonestat.jobs.history;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Counts a history run's outputs into Flink accumulators, which the run's result carries back to
 * the history service for its reconciliation: each element adds one to the accumulator named {@code
 * name + label(element)} (an empty label counts under {@code name} itself). Emits nothing.
 *
 * <p>Not thread-safe; Flink gives each subtask its own instance. Stateless across runs.
 */
final class RunTally<T> extends ProcessFunction<T, Long> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final SerializableFunction<T, String> label;
    private transient Map<String, LongCounter> counters;

    RunTally(String name, SerializableFunction<T, String> label) {
        this.name = Objects.requireNonNull(name, "name");
        this.label = Objects.requireNonNull(label, "label");
    }

    @Override
    public void processElement(T element, Context ctx, Collector<Long> out) {
        if (counters == null) {
            counters = new HashMap<>();
        }
        String accumulator = name + label.apply(element);
        counters.computeIfAbsent(
                        accumulator,
                        n -> {
                            LongCounter c = new LongCounter();
                            getRuntimeContext().addAccumulator(n, c);
                            return c;
                        })
                .add(1L);
    }
}
