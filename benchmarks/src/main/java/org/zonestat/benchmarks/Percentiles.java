package org.zonestat.benchmarks;

import java.util.Arrays;

/**
 * Order statistics of a sample of latencies (or any long values), by the nearest-rank method: the
 * q-quantile is the smallest value with at least q × n values at or below it, so it is always one
 * of the observed values (p100 is the maximum, p0 the minimum).
 *
 * <p>Immutable; thread-safe. The input array is copied.
 */
public final class Percentiles {
    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** The order statistics of {@code values} (copied, then sorted). */
    public static Percentiles of(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public int count() {
        return sorted.length;
    }

    /**
     * The nearest-rank {@code q}-quantile, {@code 0 <= q <= 1}: {@code sorted[ceil(q × n) - 1]}
     * (the minimum for q = 0).
     *
     * @throws IllegalStateException if there are no values
     */
    public long quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], was " + q);
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        // The small tolerance keeps 0.99 × 100 at rank 99 despite binary rounding.
        int rank = (int) Math.ceil(q * sorted.length - 1e-9);
        return sorted[Math.max(0, rank - 1)];
    }

    public long max() {
        return quantile(1);
    }

    public double mean() {
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return sum / sorted.length;
    }
}
