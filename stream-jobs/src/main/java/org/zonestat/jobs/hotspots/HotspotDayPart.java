package org.zonestat.jobs.hotspots;

import java.util.Objects;

/**
 * The incidents by kind of one counting scope (an H3 cell or a zone) on one local day that one
 * subtask saw between two watermarks (or checkpoints): what {@link HotspotDayCombiner} sends to
 * {@code hotspot-day-counts} instead of one {@link org.zonestat.jobs.model.HotspotFact} per
 * incident. The day's counts are the sum of its parts.
 *
 * @param scope {@link org.zonestat.jobs.model.HotspotFact#CELL_SCOPE} or a zone layer id
 * @param key the H3 cell address or the zone name
 * @param dayStart the local day's first instant, epoch milliseconds
 * @param homicides homicides
 * @param shootings non-fatal shootings
 * @param aggravatedAssaults aggravated assaults
 * @param robberies robberies
 * @param otherViolent other violent incidents
 * @param other other incidents
 */
public record HotspotDayPart(
        String scope,
        String key,
        long dayStart,
        long homicides,
        long shootings,
        long aggravatedAssaults,
        long robberies,
        long otherViolent,
        long other) {
    public HotspotDayPart {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
    }

    /** The number of incidents the part counts. */
    public long total() {
        return homicides + shootings + aggravatedAssaults + robberies + otherViolent + other;
    }
}
