package org.zonestat.console.zones;

import java.util.Locale;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneLayer;

/**
 * Checks an uploaded layer's zones against what a city's zone can be: every coordinate a WGS84
 * longitude in [-180, 180] and latitude in [-90, 90], at most {@code maxVertices} vertices and at
 * most {@code maxAreaKm2} square kilometres per zone. The area is approximate (degrees scaled at
 * the zone's mean latitude: within a few per cent for a city), enough to refuse a world-sized
 * polygon that would tag every event and defeat {@code outside-zones}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxVertices the most vertices per zone
 * @param maxAreaKm2 the largest area per zone, in km²
 */
public record ZoneShapeLimits(int maxVertices, double maxAreaKm2) {
    private static final double KM_PER_DEGREE_LAT = 110.574;
    private static final double KM_PER_DEGREE_LON_AT_EQUATOR = 111.320;

    /**
     * @throws IllegalArgumentException naming the first zone (index and name) that breaks a limit
     *     and the limit
     */
    public void check(ZoneLayer layer) {
        for (Zone z : layer.zones()) {
            Geometry g = z.geometry();
            String which = String.format(Locale.ROOT, "zone %d ('%s')", z.index(), z.name());
            Envelope e = g.getEnvelopeInternal();
            if (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90) {
                throw new IllegalArgumentException(
                        String.format(
                                Locale.ROOT,
                                "%s has coordinates outside WGS84 (longitude %s to %s, latitude %s"
                                        + " to %s); positions are [longitude, latitude] in degrees,"
                                        + " longitude in [-180, 180], latitude in [-90, 90]",
                                which,
                                e.getMinX(),
                                e.getMaxX(),
                                e.getMinY(),
                                e.getMaxY()));
            }
            if (g.getNumPoints() > maxVertices) {
                throw new IllegalArgumentException(
                        String.format(
                                Locale.ROOT,
                                "%s has %d vertices, at most %d are accepted per zone",
                                which,
                                g.getNumPoints(),
                                maxVertices));
            }
            double km2 = areaKm2(g);
            if (km2 > maxAreaKm2) {
                throw new IllegalArgumentException(
                        String.format(
                                Locale.ROOT,
                                "%s covers about %.0f km², at most %.0f km² are accepted per zone",
                                which,
                                km2,
                                maxAreaKm2));
            }
        }
    }

    /** The geometry's area in km², its degrees scaled at its mean latitude. */
    static double areaKm2(Geometry g) {
        Envelope e = g.getEnvelopeInternal();
        double meanLat = Math.toRadians((e.getMinY() + e.getMaxY()) / 2);
        return g.getArea() * KM_PER_DEGREE_LAT * KM_PER_DEGREE_LON_AT_EQUATOR * Math.cos(meanLat);
    }
}
