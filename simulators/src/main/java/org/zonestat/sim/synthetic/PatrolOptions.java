package org.zonestat.sim.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.zonestat.geo.ZoneLayer;

/**
 * What {@link PatrolFleet} simulates: how many units and monitored devices, how often they report,
 * where they work and where the hot places are. Immutable.
 *
 * @param seed the seed: same options, same fixes
 * @param units patrol cars, officers and outreach workers (every fifth is outreach)
 * @param monitored people on GPS supervision
 * @param fixInterval how often each device reports (the fleet's rate is devices / interval)
 * @param start the first fix time (never the wall clock, unless the caller passes it)
 * @param assignment the layer whose zones units are assigned to, round robin (the focus zones)
 * @param hotPlaces places units visit and dwell at, and monitored people pass by: {@code [lat,
 *     lon]} (the city's real shooting locations in the demo)
 * @param shift how long a unit stays on duty before it goes off duty (then silent until its next
 *     shift, a day after the last began)
 */
public record PatrolOptions(
        long seed,
        int units,
        int monitored,
        Duration fixInterval,
        Instant start,
        ZoneLayer assignment,
        List<double[]> hotPlaces,
        Duration shift) {

    public PatrolOptions {
        Objects.requireNonNull(fixInterval, "fixInterval");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(shift, "shift");
        hotPlaces = List.copyOf(hotPlaces);
        if (units < 0 || monitored < 0 || units + monitored == 0) {
            throw new IllegalArgumentException(
                    "seed " + seed + ": units and monitored must be >= 0 and not both 0");
        }
        if (fixInterval.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "seed " + seed + ": fixInterval must be at least 100 ms, was " + fixInterval);
        }
        if (hotPlaces.isEmpty()) {
            throw new IllegalArgumentException("seed " + seed + ": hotPlaces must not be empty");
        }
        if (assignment.size() == 0) {
            throw new IllegalArgumentException(
                    "seed " + seed + ": the assignment layer has no zones");
        }
    }

    /**
     * 300 units and 5 monitored devices every 10 s, 10-hour shifts, in a city's geography: the hot
     * places are its real shooting locations (or points spread over its zones).
     */
    public static PatrolOptions forCity(
            long seed, Instant start, CityGeography city, ZoneLayer assignment) {
        return new PatrolOptions(
                seed,
                300,
                5,
                Duration.ofSeconds(10),
                start,
                assignment,
                hotPlaces(seed, city, 2_000),
                Duration.ofHours(10));
    }

    /** {@code n} of the city's real shooting locations, as {@code [lat, lon]}. */
    static List<double[]> hotPlaces(long seed, CityGeography city, int n) {
        java.util.SplittableRandom r = Seeds.random(seed, 0x504c, 0);
        List<double[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] p = new double[2];
            city.shootings().sample(r, 0, p);
            out.add(p);
        }
        return out;
    }

    /** These options with other counts and interval. */
    public PatrolOptions with(int units, int monitored, Duration fixInterval) {
        return new PatrolOptions(
                seed, units, monitored, fixInterval, start, assignment, hotPlaces, shift);
    }

    /** These options from another start. */
    public PatrolOptions startingAt(Instant start) {
        return new PatrolOptions(
                seed, units, monitored, fixInterval, start, assignment, hotPlaces, shift);
    }
}
