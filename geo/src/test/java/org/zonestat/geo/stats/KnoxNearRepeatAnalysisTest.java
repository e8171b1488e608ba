package org.zonestat.geo.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.Distances;

class KnoxNearRepeatAnalysisTest {
    private static final long SEED = Long.getLong("zonestat.seed", 1964L);
    private static final double[] METERS = {200, 400, 800};
    private static final double[] DAYS = {7, 14, 28};

    @Test
    void nearRepeatClustersGiveAHighRatioAndSmallPInTheFirstBand() {
        SplittableRandom random = new SplittableRandom(SEED);
        int n = 300;
        double[] lons = new double[n];
        double[] lats = new double[n];
        double[] days = new double[n];
        // 60 "originators" spread over the city over a year, each followed by 4 repeats within
        // 100 m and 5 days.
        for (int i = 0; i < n; i += 5) {
            double lon = random.nextDouble(-76.70, -76.53);
            double lat = random.nextDouble(39.20, 39.37);
            double day = random.nextDouble(0, 365);
            for (int k = 0; k < 5; k++) {
                lons[i + k] = lon + Distances.longitudeDegrees(random.nextDouble(-70, 70), lat);
                lats[i + k] = lat + Distances.latitudeDegrees(random.nextDouble(-70, 70));
                days[i + k] = day + random.nextDouble(0, 5);
            }
        }
        KnoxNearRepeatAnalysis.Result r =
                new KnoxNearRepeatAnalysis(METERS, DAYS, 99, SEED).run(lons, lats, days);
        assertThat(r.observed()[0][0]).as("seed %d", SEED).isGreaterThanOrEqualTo(60 * 10);
        assertThat(r.ratio()[0][0]).as("seed %d", SEED).isGreaterThan(5);
        assertThat(r.p()[0][0]).as("seed %d", SEED).isEqualTo(0.01);
        assertThat(r.nearRepeatExtent(0.05, 1.2)).as("seed %d", SEED).containsExactly(200, 7);
    }

    @Test
    void randomEventsGiveARatioOfAboutOne() {
        SplittableRandom random = new SplittableRandom(SEED);
        int n = 1500;
        double[] lons = new double[n];
        double[] lats = new double[n];
        double[] days = new double[n];
        for (int i = 0; i < n; i++) {
            lons[i] = random.nextDouble(-76.64, -76.58);
            lats[i] = random.nextDouble(39.27, 39.32);
            days[i] = random.nextDouble(0, 120);
        }
        KnoxNearRepeatAnalysis.Result r =
                new KnoxNearRepeatAnalysis(METERS, DAYS, 99, SEED).run(lons, lats, days);
        for (int d = 0; d < METERS.length; d++) {
            for (int t = 0; t < DAYS.length; t++) {
                assertThat(r.ratio()[d][t])
                        .as("band %d/%d, seed %d", d, t, SEED)
                        .isCloseTo(1.0, within(0.2));
            }
        }
        assertThat(r.p()[2][2]).as("seed %d", SEED).isGreaterThan(0.01);
    }

    @Test
    void pairsAreCountedInHalfOpenBandsAndTheSameSeedGivesTheSameResult() {
        // Three events on a meridian: A-B 100 m apart and 3 days, A-C 500 m and 10 days, B-C 400 m,
        // 7 days.
        double lat0 = 39.29;
        double[] lons = {-76.61, -76.61, -76.61};
        double[] lats = {
            lat0, lat0 + Distances.latitudeDegrees(100), lat0 + Distances.latitudeDegrees(500)
        };
        double[] days = {0, 3, 10};
        KnoxNearRepeatAnalysis test =
                new KnoxNearRepeatAnalysis(new double[] {200, 450}, new double[] {7, 14}, 20, SEED);
        KnoxNearRepeatAnalysis.Result r = test.run(lons, lats, days);
        // A-B in [0,200) x [0,7); B-C in [200,450) x [7,14) (400 m rounds either side of nothing);
        // A-C beyond 450 m: not counted.
        assertThat(r.observed()).isDeepEqualTo(new long[][] {{1, 0}, {0, 1}});
        assertThat(test.run(lons, lats, days).expected()).isDeepEqualTo(r.expected());
    }
}
