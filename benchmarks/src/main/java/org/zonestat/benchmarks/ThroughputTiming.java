package org.zonestat.benchmarks;

import java.util.List;

/**
 * When a throughput run's output grew, from samples of the output topic's record count: the time
 * from the first sample with any record to the first sample at the final count, and the time the
 * count took to grow from 10 % to 90 % of the final count (linearly interpolated between samples),
 * which leaves out ramp-up and the tail.
 *
 * @param firstToLastSeconds first output record to final count
 * @param middleSeconds 10 % to 90 % of the final count
 * @param middleFraction the share of the records in the middle part (0.8)
 */
record ThroughputTiming(double firstToLastSeconds, double middleSeconds, double middleFraction) {
    static final double LOW = 0.1;
    static final double HIGH = 0.9;

    /**
     * @param samples in time order
     * @param finalCount the count at the end (at least the last sample's)
     * @throws IllegalArgumentException if the samples never show output, or never reach {@code
     *     finalCount}
     */
    static ThroughputTiming of(List<EndOffsetSampler.Sample> samples, long finalCount) {
        if (finalCount <= 0) {
            throw new IllegalArgumentException("no output records");
        }
        EndOffsetSampler.Sample first =
                samples.stream()
                        .filter(x -> x.records() > 0)
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no sample shows output"));
        EndOffsetSampler.Sample last =
                samples.stream()
                        .filter(x -> x.records() >= finalCount)
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no sample reaches " + finalCount));
        double low = timeAt(samples, LOW * finalCount);
        double high = timeAt(samples, HIGH * finalCount);
        return new ThroughputTiming(
                (last.nanos() - first.nanos()) / 1e9, (high - low) / 1e9, HIGH - LOW);
    }

    /**
     * The nanoTime at which the count reached {@code target}, interpolated between the samples
     * around it.
     */
    static double timeAt(List<EndOffsetSampler.Sample> samples, double target) {
        EndOffsetSampler.Sample before = null;
        for (EndOffsetSampler.Sample x : samples) {
            if (x.records() >= target) {
                if (before == null || x.records() == before.records()) {
                    return x.nanos();
                }
                double f = (target - before.records()) / (double) (x.records() - before.records());
                return before.nanos() + f * (x.nanos() - before.nanos());
            }
            before = x;
        }
        throw new IllegalArgumentException("no sample reaches " + target);
    }
}
