package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Distinct incidents by kind in one zone over one sliding window, for the console's zone cards
 * ({@code hotspots} topic, {@code "type": "zone-window-counts"}). Emitted at each window close for
 * every zone with an incident in the window, and once more with zeros for a zone whose window has
 * just emptied, so that consumers upserting by (windowDays, layer, zone) never keep a stale count.
 *
 * @param windowDays the window length in local days (1, 7, 28 by default)
 * @param windowStart the window's first instant (a local midnight)
 * @param windowEnd the instant the window closed (the next local midnight after its last day)
 * @param layer the zone layer id
 * @param zone the zone's name
 * @param homicides homicides
 * @param shootings non-fatal shootings
 * @param aggravatedAssaults aggravated assaults
 * @param robberies robberies
 * @param otherViolent other violent incidents
 * @param other other incidents
 */
public record HotspotZoneCounts(
        int windowDays,
        Instant windowStart,
        Instant windowEnd,
        String layer,
        String zone,
        long homicides,
        long shootings,
        long aggravatedAssaults,
        long robberies,
        long otherViolent,
        long other) {
    public HotspotZoneCounts {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(zone, "zone");
        if (windowDays < 1) {
            throw new IllegalArgumentException("windowDays must be positive, was " + windowDays);
        }
    }

    /** Homicides plus non-fatal shootings. */
    public long gunViolence() {
        return homicides + shootings;
    }
}
