package org.zonestat.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.zonestat.geo.csv.CsvPoints;

/**
 * Benchmark input drawn like real events: the usable locations of the three real Baltimore event
 * files (2012-2017 shootings, 2018 homicides and shootings, 311 requests), resampled with a seed
 * into arrays of a chosen size. Same folder, size and seed: same points.
 *
 * <p>Immutable once built.
 */
public final class EventPoints {
    public static final long DEFAULT_SEED = 20_190_618L;

    private final double[] lons;
    private final double[] lats;
    private final int distinct;

    private EventPoints(double[] lons, double[] lats, int distinct) {
        this.lons = lons;
        this.lats = lats;
        this.distinct = distinct;
    }

    /**
     * Loads the event files from {@code dataDir} and draws {@code n} locations with {@code seed}.
     */
    public static EventPoints sample(Path dataDir, int n, long seed) {
        CsvPoints[] files;
        try {
            files =
                    new CsvPoints[] {
                        CsvPoints.read(
                                dataDir.resolve("shootings_2012_2017_cases.csv"),
                                "longitude",
                                "latitude"),
                        CsvPoints.read(
                                dataDir.resolve("part1_2018_homicides_shootings_jan_jul.csv"),
                                "Longitude",
                                "Latitude"),
                        CsvPoints.read(
                                dataDir.resolve("311_service_requests_2019-10-18_21.csv"),
                                "Longitude",
                                "Latitude")
                    };
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the event files in "
                            + dataDir.toAbsolutePath()
                            + " (give the folder with --data)",
                    e);
        }
        int total = 0;
        for (CsvPoints f : files) {
            total += f.size();
        }
        double[] allLons = new double[total];
        double[] allLats = new double[total];
        int k = 0;
        for (CsvPoints f : files) {
            for (int i = 0; i < f.size(); i++, k++) {
                allLons[k] = f.lon(i);
                allLats[k] = f.lat(i);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] lons = new double[n];
        double[] lats = new double[n];
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(total);
            lons[i] = allLons[j];
            lats[i] = allLats[j];
        }
        return new EventPoints(lons, lats, total);
    }

    /**
     * The data folder from the {@value BenchmarkBase#DATA_PROPERTY} system property, or the
     * default.
     */
    public static Path dataDir() {
        return Path.of(System.getProperty(BenchmarkBase.DATA_PROPERTY, BenchmarkBase.DEFAULT_DATA));
    }

    public int size() {
        return lons.length;
    }

    /** Number of real event locations the sample was drawn from. */
    public int distinctEvents() {
        return distinct;
    }

    public double[] lons() {
        return lons;
    }

    public double[] lats() {
        return lats;
    }
}
