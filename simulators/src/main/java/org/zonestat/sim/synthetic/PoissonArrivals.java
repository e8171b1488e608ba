package org.zonestat.sim.synthetic;

import java.time.zone.ZoneRules;
import java.util.SplittableRandom;

/**
 * Arrival times of a non-homogeneous Poisson process whose rate follows an {@link ActivityCycle} in
 * the city's local time (Lewis-Shedler thinning), with each accepted arrival numbered 0, 1, 2, ...
 * so that what happens at it can be derived from (seed, stream, number) alone.
 *
 * <p>Not thread-safe.
 */
final class PoissonArrivals {
    private final SplittableRandom candidates;
    private final ActivityCycle cycle;
    private final ZoneRules zone;
    private final double maxRatePerMilli;
    private final double maxFactor;
    private long time;
    private long index = -1;

    /**
     * @param perDay the mean number of arrivals per day; 0 = none ({@link #time()} is then {@code
     *     Long.MAX_VALUE})
     */
    PoissonArrivals(
            long seed,
            int stream,
            double perDay,
            ActivityCycle cycle,
            ZoneRules zone,
            long startMillis) {
        this.candidates = Seeds.random(seed, stream, -1);
        this.cycle = cycle;
        this.zone = zone;
        this.maxFactor = cycle.maxFactor();
        this.maxRatePerMilli = perDay / 86_400_000.0 * maxFactor;
        this.time = startMillis;
        if (perDay <= 0) {
            this.time = Long.MAX_VALUE;
            return;
        }
        advanceFrom(startMillis);
    }

    /** The time of the current arrival. */
    long time() {
        return time;
    }

    /** The number of the current arrival. */
    long index() {
        return index;
    }

    /** Moves to the next arrival. */
    void advance() {
        if (time == Long.MAX_VALUE) {
            return;
        }
        advanceFrom(time);
    }

    private void advanceFrom(double t) {
        while (true) {
            t += -Math.log(1 - candidates.nextDouble()) / maxRatePerMilli;
            long candidate = (long) t;
            if (candidates.nextDouble() * maxFactor < cycle.factor(candidate, zone)) {
                time = Math.max(candidate, time);
                index++;
                return;
            }
        }
    }
}
