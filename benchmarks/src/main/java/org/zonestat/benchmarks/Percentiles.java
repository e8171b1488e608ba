package org.zonestat.benchmarks;

import org.HdrHistogram.Histogram;

/**
 * Order statistics of a sample of latencies (or any non-negative long values), read from an
 * HdrHistogram with three significant digits: every value is kept within 0.1 % (values below 2,048
 * exactly), whatever the range, in a few kilobytes. Quantiles are nearest-rank: the q-quantile is
 * the smallest recorded value with at least q × n values at or below it (p100 is the maximum, p0
 * the minimum), reported as the largest value HdrHistogram counts as equivalent to it.
 *
 * <p>Immutable; thread-safe. The histogram or array given is copied.
 */
public final class Percentiles {
    /** Precision of every histogram here: three significant decimal digits. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram;

    private Percentiles(Histogram histogram) {
        this.histogram = histogram;
    }

    /** An empty, auto-resizing histogram of {@link #SIGNIFICANT_DIGITS} to record values into. */
    public static Histogram newHistogram() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    /**
     * The order statistics of {@code values}.
     *
     * @throws IllegalArgumentException if a value is negative
     */
    public static Percentiles of(long[] values) {
        Histogram h = newHistogram();
        for (long v : values) {
            if (v < 0) {
                throw new IllegalArgumentException("values must not be negative, was " + v);
            }
            h.recordValue(v);
        }
        return new Percentiles(h);
    }

    /** The order statistics of the values recorded in {@code histogram} (copied). */
    public static Percentiles of(Histogram histogram) {
        return new Percentiles(histogram.copy());
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /**
     * The nearest-rank {@code q}-quantile, {@code 0 <= q <= 1} (the minimum for q = 0).
     *
     * @throws IllegalStateException if there are no values
     */
    public long quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], was " + q);
        }
        requireValues();
        return histogram.getValueAtPercentile(q * 100);
    }

    public long max() {
        return quantile(1);
    }

    public double mean() {
        requireValues();
        return histogram.getMean();
    }

    private void requireValues() {
        if (histogram.getTotalCount() == 0) {
            throw new IllegalStateException("no values");
        }
    }
}
