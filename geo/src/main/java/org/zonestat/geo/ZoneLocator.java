package org.zonestat.geo;

/**
 * Finds the zone of a {@link ZoneLayer} that contains a point.
 *
 * <p>Contract shared by every implementation (and checked by one conformance test against {@link
 * BruteForceZoneLocator}): the answer is the index of the <em>first</em> zone, in layer order,
 * whose geometry intersects the point (interior or boundary), or {@link #NO_ZONE} when no zone
 * does. A point on a boundary shared by two zones therefore goes to the zone that comes first in
 * the file: deterministic, and the same for every strategy. Likewise a point in a hole belongs to
 * no zone unless another zone covers it, and where zones overlap the lower index wins. Points that
 * are not finite numbers, or lie outside every zone, get {@link #NO_ZONE} ({@code -1}).
 *
 * <p>Implementations are immutable after construction and safe for concurrent use.
 */
public interface ZoneLocator {
    /** Returned when the point lies in no zone of the layer. */
    int NO_ZONE = -1;

    /**
     * @param lon longitude in degrees (WGS84)
     * @param lat latitude in degrees (WGS84)
     * @return the zone index, or {@link #NO_ZONE}
     */
    int locate(double lon, double lat);

    /** The layer this locator answers for. */
    ZoneLayer layer();

    /** Convenience: the zone name for a point, or {@code null} when it lies in no zone. */
    default String zoneName(double lon, double lat) {
        int i = locate(lon, lat);
        return i == NO_ZONE ? null : layer().zone(i).name();
    }
}
