package org.zonestat.geo;

import org.locationtech.jts.geom.Envelope;

/**
 * Distances in meters between WGS84 lon/lat points, and helpers for radius queries.
 *
 * <ul>
 *   <li>{@link #meters} is the great-circle (haversine) distance on the mean Earth sphere; at city
 *       scale it is within 0.5% of the ellipsoidal (geodesic) distance and of distances measured in
 *       the Maryland State Plane projection (checked in {@code DistancesTest}).
 *   <li>{@link #envelope} gives a lon/lat box that contains every point within a radius, for a
 *       cheap first filter (an index query or a coordinate comparison); confirm the candidates with
 *       {@link #isWithin}.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
public final class Distances {
    /** Mean Earth radius (IUGG), meters. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    /** Meters in one degree of latitude (and of longitude at the equator) on the mean sphere. */
    public static final double METERS_PER_DEGREE = Math.PI * EARTH_RADIUS_M / 180;

    private Distances() {}

    /** Great-circle distance between two points, meters. */
    public static double meters(double lon1, double lat1, double lon2, double lat2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                        + Math.cos(phi1)
                                * Math.cos(phi2)
                                * Math.sin(dLambda / 2)
                                * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Whether the two points are at most {@code radiusMeters} apart (great-circle). */
    public static boolean isWithin(
            double lon1, double lat1, double lon2, double lat2, double radiusMeters) {
        return meters(lon1, lat1, lon2, lat2) <= radiusMeters;
    }

    /** Degrees of latitude spanned by {@code meters} along a meridian. */
    public static double latitudeDegrees(double meters) {
        return meters / METERS_PER_DEGREE;
    }

    /** Degrees of longitude spanned by {@code meters} along the parallel at {@code lat}. */
    public static double longitudeDegrees(double meters, double lat) {
        double cos = Math.cos(Math.toRadians(lat));
        return cos <= 1e-12 ? 360 : Math.min(360, meters / (METERS_PER_DEGREE * cos));
    }

    /**
     * A lon/lat box that contains every point within {@code radiusMeters} (great-circle) of the
     * center: {@code dLat = r/R} and, from the haversine formula with both latitudes bounded by
     * {@code phi' = |lat| + dLat}, {@code dLon = 2 asin(sin(r/2R) / cos phi')}. It is slightly
     * larger than the circle's true bounding box (for radii of a few km at mid-latitudes, by well
     * under 1%), never smaller. Longitudes are not wrapped at the antimeridian.
     *
     * @throws IllegalArgumentException for a negative or non-finite radius
     */
    public static Envelope envelope(double lon, double lat, double radiusMeters) {
        if (!(radiusMeters >= 0) || Double.isInfinite(radiusMeters)) {
            throw new IllegalArgumentException("radius must be >= 0 meters, was " + radiusMeters);
        }
        double delta = radiusMeters / EARTH_RADIUS_M;
        // The 1e-9 relative slack covers rounding in the haversine comparison.
        double dLat = Math.toDegrees(delta) * (1 + 1e-9);
        double poleward = Math.abs(lat) + dLat;
        double dLon;
        if (poleward >= 90) {
            dLon = 180;
        } else {
            double s = Math.sin(delta / 2) / Math.cos(Math.toRadians(poleward));
            dLon = s >= 1 ? 180 : Math.toDegrees(2 * Math.asin(s)) * (1 + 1e-9);
        }
        return new Envelope(
                lon - dLon, lon + dLon, Math.max(-90, lat - dLat), Math.min(90, lat + dLat));
    }
}
