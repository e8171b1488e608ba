package org.zonestat.jobs.hotspots;

import java.io.Serializable;

/**
 * Settings of the forecast scoring attached by {@link ForecastGraph}: which Gi* window's hot cells
 * are the forecast, how many days after each close are scored, and how many days before it the
 * naive baseline counts. Immutable.
 *
 * @param windowDays the Gi* window length whose hot cells are scored (one of the hotspot windows)
 * @param horizonDays the days after each close whose shootings and homicides are scored
 * @param baselineDays the days before each close whose counts rank the baseline's cells
 */
public record ForecastConfig(int windowDays, int horizonDays, int baselineDays)
        implements Serializable {
    public ForecastConfig {
        if (windowDays < 1 || windowDays > 366) {
            throw new IllegalArgumentException("windowDays must be 1..366, was " + windowDays);
        }
        if (horizonDays < 1 || horizonDays > 366) {
            throw new IllegalArgumentException("horizonDays must be 1..366, was " + horizonDays);
        }
        if (baselineDays < 7 || baselineDays > 366) {
            throw new IllegalArgumentException(
                    "baselineDays must be 7..366 (ties are broken on the last 7), was "
                            + baselineDays);
        }
    }

    /**
     * The 7-day window's hot cells scored against the following 7 days, against the cells with the
     * most shootings and homicides in the previous 28 days.
     */
    public static ForecastConfig defaults() {
        return new ForecastConfig(7, 7, 28);
    }
}
