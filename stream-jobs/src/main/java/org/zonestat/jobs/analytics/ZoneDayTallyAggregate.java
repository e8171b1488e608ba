package org.zonestat.jobs.analytics;

import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * The part every adding-up into a {@link ZoneDayTally} shares: a fresh tally, the tally itself as
 * the result, and two tallies merged with {@link ZoneDayTally#addAll}. Subclasses say how one input
 * is added. Stateless.
 *
 * @param <T> what is added to the tally
 */
public abstract class ZoneDayTallyAggregate<T>
        implements AggregateFunction<T, ZoneDayTally, ZoneDayTally> {
    private static final long serialVersionUID = 1L;

    @Override
    public final ZoneDayTally createAccumulator() {
        return new ZoneDayTally();
    }

    @Override
    public final ZoneDayTally getResult(ZoneDayTally t) {
        return t;
    }

    @Override
    public final ZoneDayTally merge(ZoneDayTally a, ZoneDayTally b) {
        a.addAll(b);
        return a;
    }
}
