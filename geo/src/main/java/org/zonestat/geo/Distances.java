package org.zonestat.geo;

/**
 * Great-circle distances in meters on the WGS84 mean sphere (haversine); within 0.5% of the
 * ellipsoidal distance at city scale.
 *
 * <p>Stateless; thread-safe.
 */
public final class Distances {
    /** Mean Earth radius (IUGG), meters. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    private Distances() {}

    public static double meters(double lon1, double lat1, double lon2, double lat2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
