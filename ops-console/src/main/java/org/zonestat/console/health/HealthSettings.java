package org.zonestat.console.health;

import java.time.Duration;
import java.util.Objects;

/**
 * How the console judges the pipeline's health ({@link PipelineHealth}).
 *
 * @param interval how often the job's state and the raw topics' lag are sampled
 * @param stallIntervals how many intervals of growing lag, with neither a completed checkpoint nor
 *     committed progress, make the pipeline {@code stalled}
 */
public record HealthSettings(Duration interval, int stallIntervals) {
    public HealthSettings {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        if (stallIntervals < 1) {
            throw new IllegalArgumentException(
                    "stallIntervals must be >= 1, was " + stallIntervals);
        }
    }

    /** A sample every 5 s; stalled after 12 intervals (one minute). */
    public static HealthSettings defaults() {
        return new HealthSettings(Duration.ofSeconds(5), 12);
    }
}
