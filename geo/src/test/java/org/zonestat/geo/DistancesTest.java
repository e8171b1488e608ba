package org.zonestat.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Distances at city scale against two independent references: planar distances in NAD83 / Maryland
 * State Plane (EPSG:26985, meters; scale error under 1:10,000 in the state) via proj4j, and the
 * ellipsoidal geodesic on WGS84 (Vincenty's inverse formula, written out below).
 */
class DistancesTest {
    private static final long SEED = Long.getLong("zonestat.seed", 26985L);
    private static final double TOLERANCE = 0.005;

    private final CoordinateTransform toStatePlane =
            new CoordinateTransformFactory()
                    .createTransform(
                            new CRSFactory().createFromName("EPSG:4326"),
                            new CRSFactory().createFromName("EPSG:26985"));

    @Test
    void haversineIsWithinHalfAPercentOfStatePlaneAndGeodesicDistancesAcrossTheCity() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 2000; i++) {
            double lon1 = random.nextDouble(-76.72, -76.52);
            double lat1 = random.nextDouble(39.19, 39.38);
            // Pairs from 50 m to about 25 km apart.
            double lon2 = lon1 + random.nextDouble(-0.2, 0.2) * Math.pow(random.nextDouble(), 2);
            double lat2 = lat1 + random.nextDouble(-0.2, 0.2) * Math.pow(random.nextDouble(), 2);
            double haversine = Distances.meters(lon1, lat1, lon2, lat2);
            if (haversine < 50) {
                continue;
            }
            double planar = statePlaneMeters(lon1, lat1, lon2, lat2);
            double geodesic = vincentyMeters(lon1, lat1, lon2, lat2);
            String where =
                    String.format("(%f, %f) -> (%f, %f), seed %d", lon1, lat1, lon2, lat2, SEED);
            assertThat(haversine)
                    .as("vs state plane " + where)
                    .isCloseTo(planar, within(planar * TOLERANCE));
            assertThat(haversine)
                    .as("vs geodesic " + where)
                    .isCloseTo(geodesic, within(geodesic * TOLERANCE));
        }
    }

    @Test
    void knownDistanceFromCityHallToJohnsHopkinsHomewoodIsAbout4400Meters() {
        // City Hall (-76.6107, 39.2909) to Homewood (-76.6205, 39.3299): 4.4 km on any map.
        double d = Distances.meters(-76.6107, 39.2909, -76.6205, 39.3299);
        assertThat(d)
                .isCloseTo(statePlaneMeters(-76.6107, 39.2909, -76.6205, 39.3299), within(20.0));
        assertThat(d).isBetween(4300.0, 4500.0);
    }

    @Test
    void radiusEnvelopeContainsEveryPointWithinTheRadiusAndLittleMore() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (double radius : new double[] {25, 150, 400, 1000, 5000}) {
            double lon = -76.61;
            double lat = 39.29;
            Envelope box = Distances.envelope(lon, lat, radius);
            int inside = 0;
            for (int i = 0; i < 20_000; i++) {
                double x = lon + random.nextDouble(-1.2, 1.2) * box.getWidth() / 2;
                double y = lat + random.nextDouble(-1.2, 1.2) * box.getHeight() / 2;
                if (Distances.isWithin(lon, lat, x, y, radius)) {
                    inside++;
                    assertThat(box.contains(x, y))
                            .as("(%f, %f) within %s m, seed %d", x, y, radius, SEED)
                            .isTrue();
                }
            }
            assertThat(inside).isPositive();
            // The box's half-height is the radius, its half-width the radius at this latitude.
            assertThat(box.getHeight() / 2 * Distances.METERS_PER_DEGREE)
                    .isCloseTo(radius, within(radius * 1e-6));
            double halfWidthMeters = Distances.meters(lon, lat, box.getMaxX(), lat);
            assertThat(halfWidthMeters).isBetween(radius, radius * 1.01);
        }
    }

    @Test
    void radiusEnvelopeRejectsANegativeRadius() {
        assertThatThrownBy(() -> Distances.envelope(0, 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void degreeConversionsMatchTheSphere() {
        assertThat(Distances.latitudeDegrees(Distances.METERS_PER_DEGREE))
                .isCloseTo(1.0, within(1e-12));
        assertThat(Distances.longitudeDegrees(1000, 60))
                .isCloseTo(2 * Distances.latitudeDegrees(1000), within(1e-12));
    }

    private double statePlaneMeters(double lon1, double lat1, double lon2, double lat2) {
        ProjCoordinate a =
                toStatePlane.transform(new ProjCoordinate(lon1, lat1), new ProjCoordinate());
        ProjCoordinate b =
                toStatePlane.transform(new ProjCoordinate(lon2, lat2), new ProjCoordinate());
        return Math.hypot(a.x - b.x, a.y - b.y);
    }

    /**
     * Vincenty's inverse formula on the WGS84 ellipsoid (T. Vincenty, "Direct and inverse solutions
     * of geodesics on the ellipsoid...", Survey Review 23(176), 1975), accurate to well under a
     * millimeter for non-antipodal points.
     */
    static double vincentyMeters(double lon1, double lat1, double lon2, double lat2) {
        double a = 6378137.0;
        double f = 1 / 298.257223563;
        double b = a * (1 - f);
        double l = Math.toRadians(lon2 - lon1);
        double u1 = Math.atan((1 - f) * Math.tan(Math.toRadians(lat1)));
        double u2 = Math.atan((1 - f) * Math.tan(Math.toRadians(lat2)));
        double sinU1 = Math.sin(u1);
        double cosU1 = Math.cos(u1);
        double sinU2 = Math.sin(u2);
        double cosU2 = Math.cos(u2);
        double lambda = l;
        double sinSigma;
        double cosSigma;
        double sigma;
        double cos2Alpha;
        double cos2SigmaM;
        for (int i = 0; ; i++) {
            double sinLambda = Math.sin(lambda);
            double cosLambda = Math.cos(lambda);
            sinSigma =
                    Math.sqrt(
                            Math.pow(cosU2 * sinLambda, 2)
                                    + Math.pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2));
            if (sinSigma == 0) {
                return 0;
            }
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cos2Alpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
            double c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
            double previous = lambda;
            lambda =
                    l
                            + (1 - c)
                                    * f
                                    * sinAlpha
                                    * (sigma
                                            + c
                                                    * sinSigma
                                                    * (cos2SigmaM
                                                            + c
                                                                    * cosSigma
                                                                    * (-1
                                                                            + 2
                                                                                    * cos2SigmaM
                                                                                    * cos2SigmaM)));
            if (Math.abs(lambda - previous) < 1e-12 || i > 200) {
                break;
            }
        }
        double uSq = cos2Alpha * (a * a - b * b) / (b * b);
        double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        double deltaSigma =
                bigB
                        * sinSigma
                        * (cos2SigmaM
                                + bigB
                                        / 4
                                        * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                                                - bigB
                                                        / 6
                                                        * cos2SigmaM
                                                        * (-3 + 4 * sinSigma * sinSigma)
                                                        * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return b * bigA * (sigma - deltaSigma);
    }
}
