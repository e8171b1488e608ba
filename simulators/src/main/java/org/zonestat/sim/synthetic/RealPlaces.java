package org.zonestat.sim.synthetic;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;

/**
 * Places in a real city, sampled with a Gaussian jitter so that synthetic events follow the city's
 * geography: where its shootings happened or its 311 requests were made (from its real exports),
 * or, for a city without such an export, points spread evenly over its zones.
 *
 * <p>Immutable; thread-safe.
 */
final class RealPlaces {
    private static final double METERS_PER_DEGREE_LAT = 111_320.0;

    private final double[] lats;
    private final double[] lons;

    private RealPlaces(double[] lats, double[] lons) {
        if (lats.length == 0) {
            throw new IllegalArgumentException("no places to sample from");
        }
        this.lats = lats;
        this.lons = lons;
    }

    /** These places, each {@code {lat, lon}}. */
    static RealPlaces of(List<double[]> latLons) {
        double[] lats = new double[latLons.size()];
        double[] lons = new double[latLons.size()];
        for (int i = 0; i < lats.length; i++) {
            lats[i] = latLons.get(i)[0];
            lons[i] = latLons.get(i)[1];
        }
        return new RealPlaces(lats, lons);
    }

    /**
     * {@code count} points drawn evenly from a box ({@code west, south, east, north}) and kept
     * where {@code inside.test(lon, lat)}, from a random stream of {@code seed}.
     */
    static RealPlaces spreadOver(
            double[] box, BiPredicate<Double, Double> inside, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] lats = new double[count];
        double[] lons = new double[count];
        int n = 0;
        for (int tries = 0; n < count && tries < count * 100; tries++) {
            double lon = box[0] + r.nextDouble() * (box[2] - box[0]);
            double lat = box[1] + r.nextDouble() * (box[3] - box[1]);
            if (inside.test(lon, lat)) {
                lats[n] = lat;
                lons[n] = lon;
                n++;
            }
        }
        return new RealPlaces(Arrays.copyOf(lats, n), Arrays.copyOf(lons, n));
    }

    int size() {
        return lats.length;
    }

    /**
     * A real place picked at random, moved by a Gaussian offset of {@code jitterMeters} per axis.
     */
    void sample(SplittableRandom r, double jitterMeters, double[] latLon) {
        int i = r.nextInt(lats.length);
        latLon[0] = lats[i];
        latLon[1] = lons[i];
        offset(latLon, r.nextGaussian() * jitterMeters, r.nextGaussian() * jitterMeters);
    }

    /** Moves a point by north/east offsets in meters. */
    static void offset(double[] latLon, double northMeters, double eastMeters) {
        double lat = latLon[0];
        latLon[0] = lat + northMeters / METERS_PER_DEGREE_LAT;
        latLon[1] =
                latLon[1] + eastMeters / (METERS_PER_DEGREE_LAT * Math.cos(Math.toRadians(lat)));
    }
}
