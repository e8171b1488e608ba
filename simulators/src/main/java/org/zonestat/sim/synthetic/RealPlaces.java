package org.zonestat.sim.synthetic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.sim.csv.CsvTable;

/**
 * Real locations from the shipped Baltimore files, sampled with a Gaussian jitter so that synthetic
 * events follow the city's real geography: where shootings happened (3,479 cases 2012-2017 and 515
 * Part 1 rows of 2018) and where 311 requests were made (2,850 of the 3,000 requests have
 * coordinates). Places outside the city's bounding box (a few 311 geocodes) are left out.
 *
 * <p>Immutable after loading; thread-safe. Loaded once per JVM.
 */
final class RealPlaces {
    private static final double METERS_PER_DEGREE_LAT = 111_320.0;

    private final double[] lats;
    private final double[] lons;

    private RealPlaces(double[] lats, double[] lons) {
        this.lats = lats;
        this.lons = lons;
    }

    private static final class Holder {
        static final RealPlaces SHOOTINGS =
                load(
                        new String[][] {
                            {BaltimoreData.SHOOTINGS_2012_2017, "latitude", "longitude"},
                            {BaltimoreData.PART1_2018, "Latitude", "Longitude"}
                        });
        static final RealPlaces REQUESTS_311 =
                load(new String[][] {{BaltimoreData.SERVICE_311_2019, "Latitude", "Longitude"}});
    }

    static RealPlaces shootings() {
        return Holder.SHOOTINGS;
    }

    static RealPlaces requests311() {
        return Holder.REQUESTS_311;
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

    private static RealPlaces load(String[][] files) {
        double[] lats = new double[8192];
        double[] lons = new double[8192];
        int[] n = {0};
        for (String[] f : files) {
            try (InputStream in = BaltimoreData.open(f[0])) {
                double[][] arrays = {lats, lons};
                CsvTable.forEachRow(
                        in,
                        f[0],
                        row -> {
                            var lat = row.get(f[1]);
                            var lon = row.get(f[2]);
                            if (lat.isPresent() && lon.isPresent() && n[0] < arrays[0].length) {
                                double la = Double.parseDouble(lat.get());
                                double lo = Double.parseDouble(lon.get());
                                if (la >= 39.19 && la <= 39.38 && lo >= -76.72 && lo <= -76.52) {
                                    arrays[0][n[0]] = la;
                                    arrays[1][n[0]] = lo;
                                    n[0]++;
                                }
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new RealPlaces(Arrays.copyOf(lats, n[0]), Arrays.copyOf(lons, n[0]));
    }
}
