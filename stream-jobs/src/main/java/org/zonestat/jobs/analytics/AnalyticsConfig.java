package org.zonestat.jobs.analytics;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.zonestat.city.CityOption;
import org.zonestat.city.CityProfile;

/**
 * Settings of the analytics attached by {@link AnalyticsGraph}. Immutable; {@link #defaults()} plus
 * {@code with...} copies.
 *
 * @param priorityLayer the zone layer whose zones make an alert a priority (the city's focus layer)
 * @param serviceLevels the 311 due-time table
 * @param closedRetention how long a closed request's state is kept after its closure time (to
 *     absorb duplicates and notice reopens)
 * @param openRetention how long an open request's state is kept after its latest update or its due
 *     time, whichever is later, before it is forgotten
 * @param nearRepeatRadiusMeters R: the near-repeat distance
 * @param nearRepeatWindow T: the near-repeat time window
 * @param nearRepeatCellResolution the H3 resolution of the spatial key (7: cells of about 5 km²)
 * @param nearRepeatLateness how long past {@code occurredAt + T} an event is kept, so that partners
 *     delivered that much behind the watermark are still matched
 * @param timeZone the zone whose local days the scorecard counts
 * @param zoneStatsLateness how long after a day ends (in event time) late events still update it
 */
public record AnalyticsConfig(
        String priorityLayer,
        ServiceLevels serviceLevels,
        Duration closedRetention,
        Duration openRetention,
        double nearRepeatRadiusMeters,
        Duration nearRepeatWindow,
        int nearRepeatCellResolution,
        Duration nearRepeatLateness,
        ZoneId timeZone,
        Duration zoneStatsLateness)
        implements Serializable {

    public AnalyticsConfig {
        Objects.requireNonNull(priorityLayer, "priorityLayer");
        Objects.requireNonNull(serviceLevels, "serviceLevels");
        Objects.requireNonNull(timeZone, "timeZone");
        nonNegative("closedRetention", closedRetention);
        nonNegative("openRetention", openRetention);
        nonNegative("nearRepeatWindow", nearRepeatWindow);
        nonNegative("nearRepeatLateness", nearRepeatLateness);
        nonNegative("zoneStatsLateness", zoneStatsLateness);
        if (!(nearRepeatRadiusMeters > 0 && nearRepeatRadiusMeters <= 50_000)) {
            throw new IllegalArgumentException(
                    "nearRepeatRadiusMeters must be in (0, 50000], was " + nearRepeatRadiusMeters);
        }
        if (nearRepeatCellResolution < 0 || nearRepeatCellResolution > 15) {
            throw new IllegalArgumentException(
                    "nearRepeatCellResolution must be 0..15, was " + nearRepeatCellResolution);
        }
    }

    /**
     * A city's settings: its focus layer for priority alerts, its service levels, near-repeat
     * radius and window, and time zone; 7 days closed, 90 days open, the near-repeat spatial key at
     * H3 resolution 7 with 1 hour of lateness, and 1 day of lateness for the scorecard.
     */
    public static AnalyticsConfig forCity(CityProfile city) {
        CityProfile.Analytics a = city.analytics();
        return new AnalyticsConfig(
                city.focusLayer(),
                new ServiceLevels(a.serviceLevels(), a.serviceLevelFallback()),
                Duration.ofDays(7),
                Duration.ofDays(90),
                a.nearRepeatMeters(),
                Duration.ofDays(a.nearRepeatDays()),
                7,
                Duration.ofHours(1),
                city.timeZone(),
                Duration.ofDays(1));
    }

    /** {@link #forCity} of the city commands serve by default ({@link CityOption#defaultCity}). */
    public static AnalyticsConfig defaults() {
        return forCity(CityOption.defaultCity());
    }

    public AnalyticsConfig withNearRepeat(double radiusMeters, Duration window) {
        return new AnalyticsConfig(
                priorityLayer,
                serviceLevels,
                closedRetention,
                openRetention,
                radiusMeters,
                window,
                nearRepeatCellResolution,
                nearRepeatLateness,
                timeZone,
                zoneStatsLateness);
    }

    public AnalyticsConfig withRetention(Duration closed, Duration open) {
        return new AnalyticsConfig(
                priorityLayer,
                serviceLevels,
                closed,
                open,
                nearRepeatRadiusMeters,
                nearRepeatWindow,
                nearRepeatCellResolution,
                nearRepeatLateness,
                timeZone,
                zoneStatsLateness);
    }

    public AnalyticsConfig withServiceLevels(ServiceLevels levels) {
        return new AnalyticsConfig(
                priorityLayer,
                levels,
                closedRetention,
                openRetention,
                nearRepeatRadiusMeters,
                nearRepeatWindow,
                nearRepeatCellResolution,
                nearRepeatLateness,
                timeZone,
                zoneStatsLateness);
    }

    public AnalyticsConfig withZoneStatsLateness(Duration lateness) {
        return new AnalyticsConfig(
                priorityLayer,
                serviceLevels,
                closedRetention,
                openRetention,
                nearRepeatRadiusMeters,
                nearRepeatWindow,
                nearRepeatCellResolution,
                nearRepeatLateness,
                timeZone,
                lateness);
    }

    private static void nonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }
}
