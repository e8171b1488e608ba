package org.zonestat.sim.synthetic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.zonestat.sim.RawEvent;

/**
 * A deterministic synthetic city in a real city's geography ({@link CityGeography}): shootings with
 * near-repeat clustering, 311 requests with their lifecycles, and tips correlated with shootings
 * (the model is described on {@link CityModel}), delivered as {@link RawEvent}s in the raw JSON
 * contract of {@code incidents.raw}, {@code requests311.raw} and {@code tips.raw}, source {@code
 * synthetic-city} (so that nobody takes them for real records).
 *
 * <p>The same options (seed included) always give the same records in the same order; records are
 * in event-time order except for the delivery faults the options ask for, each decided for the i-th
 * record from (seed, i) alone:
 *
 * <ul>
 *   <li>out of order: the record is held back and delivered after up to {@code maxDisplacement}
 *       later records;
 *   <li>duplicate: the record is delivered twice, the copy right after the original;
 *   <li>malformed: the record is delivered as one {@link MalformedKind} (chosen evenly) instead.
 * </ul>
 *
 * <p>Not thread-safe: one consumer iterates. Memory is bounded by the pending future events
 * (scheduled 311 steps and offspring), about rate × the longest delays: some 10,000 at multiplier
 * 1.
 */
public final class SyntheticCity implements Iterator<RawEvent> {
    private static final int FAULT_STREAM = 99;
    private static final MalformedKind[] MALFORMED_KINDS = MalformedKind.values();

    private record Held(RawEvent event, long releaseAt, long order) {}

    private final SyntheticCityOptions options;
    private final CityModel model;
    private final long endMillis;
    private final ArrayDeque<RawEvent> ready = new ArrayDeque<>();
    private final PriorityQueue<Held> held =
            new PriorityQueue<>(
                    Comparator.comparingLong(Held::releaseAt).thenComparingLong(Held::order));
    private long cleanIndex;
    private long delivered;
    private boolean modelDone;

    public SyntheticCity(SyntheticCityOptions options) {
        this.options = options;
        long start = options.start().toEpochMilli();
        this.model =
                new CityModel(
                        options.seed(),
                        start,
                        options.rateMultiplier(),
                        options.feeds(),
                        options.geography());
        this.endMillis = options.duration().map(d -> start + d.toMillis()).orElse(Long.MAX_VALUE);
    }

    /**
     * The first {@code count} records of a city with this seed and no faults, in the default city's
     * geography.
     */
    public static List<RawEvent> take(long seed, int count) {
        SyntheticCity city =
                new SyntheticCity(SyntheticCityOptions.builder(seed).count(count).build());
        List<RawEvent> out = new ArrayList<>(count);
        city.forEachRemaining(out::add);
        return out;
    }

    public SyntheticCityOptions options() {
        return options;
    }

    @Override
    public boolean hasNext() {
        if (options.count().isPresent() && delivered >= options.count().get()) {
            return false;
        }
        fill();
        return !ready.isEmpty() || !held.isEmpty();
    }

    @Override
    public RawEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        delivered++;
        Held due = held.peek();
        if (due != null && (due.releaseAt() < delivered || ready.isEmpty())) {
            return held.poll().event();
        }
        return ready.poll();
    }

    /** Makes sure a record is ready unless the model is exhausted. */
    private void fill() {
        while (ready.isEmpty() && !modelDone) {
            Held due = held.peek();
            if (due != null && due.releaseAt() <= delivered) {
                return;
            }
            if (model.peekTime() > endMillis || model.peekTime() == Long.MAX_VALUE) {
                modelDone = true;
                return;
            }
            deliver(model.next());
        }
    }

    private void deliver(CityEvent e) {
        long i = cleanIndex++;
        SplittableRandom r = Seeds.random(options.seed(), FAULT_STREAM, i);
        double malformedDraw = r.nextDouble();
        double outOfOrderDraw = r.nextDouble();
        double duplicateDraw = r.nextDouble();
        MalformedKind malformed =
                malformedDraw < options.malformedFraction()
                        ? MALFORMED_KINDS[r.nextInt(MALFORMED_KINDS.length)]
                        : null;
        RawEvent raw = e.toRaw(malformed);
        boolean duplicate = duplicateDraw < options.duplicateFraction();
        if (outOfOrderDraw < options.outOfOrderFraction()) {
            long releaseAt = delivered + 1 + r.nextInt(options.maxDisplacement());
            held.add(new Held(raw, releaseAt, i * 2));
            if (duplicate) {
                held.add(new Held(raw, releaseAt, i * 2 + 1));
            }
        } else {
            ready.add(raw);
            if (duplicate) {
                ready.add(raw);
            }
        }
    }
}
