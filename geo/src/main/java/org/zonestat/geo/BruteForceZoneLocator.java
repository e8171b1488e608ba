package org.zonestat.geo;

import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Location;

/**
 * The reference {@link ZoneLocator}: tests every zone in layer order with an exact, unindexed
 * point-in-area test ({@link SimplePointInAreaLocator}: JTS's robust ray-crossing count over every
 * ring, after an envelope check) and returns the first zone whose interior or boundary holds the
 * point. Slow (linear in the number of zones and vertices) and used as the oracle that every faster
 * strategy is checked against.
 *
 * <p>Immutable and thread-safe.
 */
public final class BruteForceZoneLocator implements ZoneLocator {
    private final ZoneLayer layer;

    public BruteForceZoneLocator(ZoneLayer layer) {
        this.layer = layer;
    }

    @Override
    public int locate(double lon, double lat) {
        Coordinate p = new Coordinate(lon, lat);
        for (Zone z : layer.zones()) {
            if (SimplePointInAreaLocator.locate(p, z.geometry()) != Location.EXTERIOR) {
                return z.index();
            }
        }
        return NO_ZONE;
    }

    @Override
    public ZoneLayer layer() {
        return layer;
    }
}
