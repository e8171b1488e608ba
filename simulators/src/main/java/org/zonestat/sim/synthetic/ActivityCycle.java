package org.zonestat.sim.synthetic;

import java.time.Instant;
import java.time.zone.ZoneRules;

/**
 * How a stream's intensity varies over the local week: an hour-of-day profile times a day-of-week
 * factor, in the city's time. Shootings peak late at night and on weekends, 311 requests in weekday
 * business hours, tips in the evening.
 *
 * <p>Immutable; thread-safe.
 */
enum ActivityCycle {
    SHOOTINGS(
            new double[] {
                1.6, 1.5, 1.3, 1.0, 0.7, 0.45, 0.3, 0.25, 0.25, 0.3, 0.35, 0.45, 0.55, 0.6, 0.65,
                0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.55, 1.65
            },
            // Monday .. Sunday
            new double[] {0.9, 0.85, 0.85, 0.9, 1.1, 1.45, 1.4}),
    REQUESTS_311(
            new double[] {
                0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.4, 1.6, 1.6, 1.5, 1.3, 1.4, 1.4, 1.3,
                1.1, 0.8, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15
            },
            new double[] {1.15, 1.1, 1.05, 1.05, 1.0, 0.4, 0.3}),
    TIPS(
            new double[] {
                0.5, 0.4, 0.3, 0.2, 0.15, 0.15, 0.2, 0.4, 0.7, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
                1.1, 1.2, 1.3, 1.4, 1.4, 1.3, 1.0, 0.7
            },
            new double[] {1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.1});

    private final double[] hourly;
    private final double[] daily;
    private final double max;
    private final double mean;

    ActivityCycle(double[] hourly, double[] daily) {
        this.hourly = hourly;
        this.daily = daily;
        double hMax = 0;
        for (double h : hourly) {
            hMax = Math.max(hMax, h);
        }
        double dMax = 0;
        for (double d : daily) {
            dMax = Math.max(dMax, d);
        }
        this.max = hMax * dMax;
        double mean = 0;
        for (double d : daily) {
            for (double h : hourly) {
                mean += d * h;
            }
        }
        this.mean = mean / (24 * 7);
    }

    /**
     * The intensity factor at an instant in a city with these zone rules, relative to the weekly
     * mean (so rates are per-day means).
     */
    double factor(long epochMillis, ZoneRules zone) {
        long local =
                Math.floorDiv(epochMillis, 1000)
                        + zone.getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds();
        int hour = (int) (Math.floorMod(local, 86_400L) / 3600);
        int dayOfWeek =
                (int)
                        Math.floorMod(
                                Math.floorDiv(local, 86_400L) + 3, 7L); // 1970-01-01 was a Thursday
        return hourly[hour] * daily[dayOfWeek] / mean;
    }

    /** The largest {@link #factor}, for thinning. */
    double maxFactor() {
        return max / mean;
    }
}
