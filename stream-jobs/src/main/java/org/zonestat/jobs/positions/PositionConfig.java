package org.zonestat.jobs.positions;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the positions branch ({@link PositionGraph}). Immutable; {@link #defaults()} plus
 * {@code with...} copies.
 *
 * @param outOfOrderness how far behind the newest fix of its partition a fix may arrive (positions
 *     watermarks: devices report live, so much less than the event feeds)
 * @param futureTolerance how far after its receipt a fix may claim to have been taken (under the
 *     broker's one-hour limit on record timestamps, since fixes are written with their own time)
 * @param maxFixAge a fix more than this behind the positions' event time is stale
 * @param silence a device with no fix for this long (in event time) is closed out: its visits end
 *     with an {@code EXIT} marked {@code signal-lost} and its state is cleared
 * @param maxSpeedMetersPerSecond a jump from the last fix faster than this is refused (70 m/s:
 *     about 250 km/h, faster than a car drives in a city)
 * @param jumpsBeforeReset after this many refused jumps in a row the next fix starts a new track
 *     (the refused fixes agreed with each other: the last accepted one was the outlier)
 * @param longVisit a visit at least this long is counted among the long visits (the Koper curve's
 *     10 minutes)
 * @param hotCellWindowDays the hotspot window whose hot cells are fences (the huddle's 7 days)
 * @param nearestUnits how many available units a shooting or homicide alert names at most
 * @param nearestRadiusMeters how far from the incident a named unit may be
 * @param nearestMaxFixAge how far apart in time a unit's last fix and the incident may be
 * @param sceneRadiusMeters R: how close a monitored track must pass to a shooting or homicide
 * @param sceneWindow T: within how long before or after it
 * @param trackRetention how long monitored tracks are kept for the correlation (at least T, plus
 *     room for incidents that arrive late)
 */
public record PositionConfig(
        Duration outOfOrderness,
        Duration futureTolerance,
        Duration maxFixAge,
        Duration silence,
        double maxSpeedMetersPerSecond,
        int jumpsBeforeReset,
        Duration longVisit,
        int hotCellWindowDays,
        int nearestUnits,
        double nearestRadiusMeters,
        Duration nearestMaxFixAge,
        double sceneRadiusMeters,
        Duration sceneWindow,
        Duration trackRetention)
        implements Serializable {

    public PositionConfig {
        positive("outOfOrderness", outOfOrderness);
        positive("futureTolerance", futureTolerance);
        positive("maxFixAge", maxFixAge);
        positive("silence", silence);
        positive("longVisit", longVisit);
        positive("nearestMaxFixAge", nearestMaxFixAge);
        positive("sceneWindow", sceneWindow);
        positive("trackRetention", trackRetention);
        if (futureTolerance.compareTo(Duration.ofHours(1)) >= 0) {
            throw new IllegalArgumentException(
                    "futureTolerance must be under the broker's 1 hour, was " + futureTolerance);
        }
        if (trackRetention.compareTo(sceneWindow) < 0) {
            throw new IllegalArgumentException(
                    "trackRetention must be at least sceneWindow, was " + trackRetention);
        }
        if (!(maxSpeedMetersPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "maxSpeedMetersPerSecond must be > 0, was " + maxSpeedMetersPerSecond);
        }
        if (jumpsBeforeReset < 1) {
            throw new IllegalArgumentException(
                    "jumpsBeforeReset must be >= 1, was " + jumpsBeforeReset);
        }
        if (hotCellWindowDays < 1) {
            throw new IllegalArgumentException(
                    "hotCellWindowDays must be >= 1, was " + hotCellWindowDays);
        }
        if (nearestUnits < 0) {
            throw new IllegalArgumentException("nearestUnits must be >= 0, was " + nearestUnits);
        }
        if (!(nearestRadiusMeters > 0) || !(sceneRadiusMeters > 0)) {
            throw new IllegalArgumentException("radii must be > 0");
        }
    }

    /**
     * 30 s out of order, 5 min in the future, 1 h stale, 5 min of silence, 70 m/s, 3 jumps, 10 min
     * visits, 7-day hot cells; 3 units within 5 km seen within 10 min; 100 m and 30 min around a
     * scene, tracks kept 2 h.
     */
    public static PositionConfig defaults() {
        return new PositionConfig(
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofMinutes(5),
                70,
                3,
                Duration.ofMinutes(10),
                7,
                3,
                5_000,
                Duration.ofMinutes(10),
                100,
                Duration.ofMinutes(30),
                Duration.ofHours(2));
    }

    /** These settings with another silence timeout. */
    public PositionConfig withSilence(Duration d) {
        return new PositionConfig(
                outOfOrderness,
                futureTolerance,
                maxFixAge,
                d,
                maxSpeedMetersPerSecond,
                jumpsBeforeReset,
                longVisit,
                hotCellWindowDays,
                nearestUnits,
                nearestRadiusMeters,
                nearestMaxFixAge,
                sceneRadiusMeters,
                sceneWindow,
                trackRetention);
    }

    /** These settings with another crime-scene radius and window (R and T). */
    public PositionConfig withScene(double radiusMeters, Duration window) {
        return new PositionConfig(
                outOfOrderness,
                futureTolerance,
                maxFixAge,
                silence,
                maxSpeedMetersPerSecond,
                jumpsBeforeReset,
                longVisit,
                hotCellWindowDays,
                nearestUnits,
                nearestRadiusMeters,
                nearestMaxFixAge,
                radiusMeters,
                window,
                trackRetention.compareTo(window) < 0 ? window : trackRetention);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
