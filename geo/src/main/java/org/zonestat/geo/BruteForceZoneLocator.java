package org.zonestat.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * The reference {@link ZoneLocator}: tests every zone in layer order with an exact JTS {@code
 * intersects}. Slow (linear in the number of zones) and used as the oracle that every faster
 * strategy is checked against.
 *
 * <p>Immutable and thread-safe.
 */
public final class BruteForceZoneLocator implements ZoneLocator {
    private final ZoneLayer layer;
    private final GeometryFactory factory = new GeometryFactory();

    public BruteForceZoneLocator(ZoneLayer layer) {
        this.layer = layer;
    }

    @Override
    public int locate(double lon, double lat) {
        Point p = factory.createPoint(new Coordinate(lon, lat));
        for (Zone z : layer.zones()) {
            if (z.geometry().intersects(p)) {
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
