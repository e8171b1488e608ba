package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Distinct incidents by kind in one counting scope (an H3 cell or a zone) on one local day: the
 * building block the sliding windows of the hotspot analytics are summed from. A day is emitted
 * again, with all its counts, when a late incident arrives within the allowed lateness; consumers
 * replace by (scope, key, day).
 *
 * @param scope {@link HotspotFact#CELL_SCOPE} or a zone layer id
 * @param key the H3 cell address or the zone name
 * @param windowDays 0 as counted; the window length (in days) it is routed to, once fanned out
 * @param day the local day, ISO {@code yyyy-MM-dd} (a string: no Kryo for {@code LocalDate})
 * @param from the day's first instant
 * @param until the next day's first instant
 * @param homicides homicides
 * @param shootings non-fatal shootings
 * @param aggravatedAssaults aggravated assaults
 * @param robberies robberies
 * @param otherViolent other violent incidents
 * @param other other incidents
 */
public record HotspotDayCounts(
        String scope,
        String key,
        int windowDays,
        String day,
        Instant from,
        Instant until,
        long homicides,
        long shootings,
        long aggravatedAssaults,
        long robberies,
        long otherViolent,
        long other) {
    public HotspotDayCounts {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (windowDays < 0) {
            throw new IllegalArgumentException(
                    "windowDays must not be negative, was " + windowDays);
        }
    }

    /** The same counts routed to the window length {@code days}. */
    public HotspotDayCounts withWindowDays(int days) {
        return new HotspotDayCounts(
                scope,
                key,
                days,
                day,
                from,
                until,
                homicides,
                shootings,
                aggravatedAssaults,
                robberies,
                otherViolent,
                other);
    }

    /** Homicides plus non-fatal shootings: the VRI's headline measure. */
    public long gunViolence() {
        return homicides + shootings;
    }

    public long total() {
        return homicides + shootings + aggravatedAssaults + robberies + otherViolent + other;
    }
}
