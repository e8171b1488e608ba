package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.Distances;

/** The cover contract, checked against random pairs of points within the radius. */
class NearRepeatCoverTest {
    // Baltimore City's bounding box
    private static final double WEST = -76.712;
    private static final double EAST = -76.529;
    private static final double SOUTH = 39.197;
    private static final double NORTH = 39.372;

    @Test
    void everyPointWithinTheRadiusHasItsHomeCellInTheCover() {
        for (double radius : new double[] {50, 400, 1000, 2500}) {
            checkRandomPairs(new NearRepeatCover(7, radius), radius);
        }
        checkRandomPairs(new NearRepeatCover(8, 400), 400);
    }

    @Test
    void theCoverStartsWithTheHomeCellAndStaysSmallFor400MetersAtResolution7() {
        NearRepeatCover cover = new NearRepeatCover(7, 400);
        long seed = 42;
        Random random = new Random(seed);
        int total = 0;
        int max = 0;
        for (int i = 0; i < 2000; i++) {
            double lon = WEST + random.nextDouble() * (EAST - WEST);
            double lat = SOUTH + random.nextDouble() * (NORTH - SOUTH);
            List<String> cells = cover.cells(lon, lat);
            assertThat(cells.get(0)).isEqualTo(cover.homeCell(lon, lat));
            assertThat(cells).doesNotHaveDuplicates();
            total += cells.size();
            max = Math.max(max, cells.size());
        }
        System.out.printf(
                "H3 r7, R=400 m: %.2f cells per event on average, at most %d%n",
                total / 2000.0, max);
        assertThat(max).isLessThanOrEqualTo(7);
        assertThat(total / 2000.0).isLessThan(3.0);
    }

    private static void checkRandomPairs(NearRepeatCover cover, double radius) {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            double lon = WEST + random.nextDouble() * (EAST - WEST);
            double lat = SOUTH + random.nextDouble() * (NORTH - SOUTH);
            // Most partners near the rim, where a missing cell would show.
            double d = radius * Math.sqrt(random.nextDouble()) * 0.999;
            double bearing = random.nextDouble() * 2 * Math.PI;
            double lat2 = lat + Math.toDegrees(d * Math.cos(bearing) / Distances.EARTH_RADIUS_M);
            double lon2 =
                    lon
                            + Math.toDegrees(
                                    d
                                            * Math.sin(bearing)
                                            / (Distances.EARTH_RADIUS_M
                                                    * Math.cos(Math.toRadians(lat))));
            if (Distances.meters(lon, lat, lon2, lat2) > radius) {
                continue;
            }
            assertThat(cover.cells(lon, lat))
                    .as(
                            "partner %.6f,%.6f of %.6f,%.6f at %.1f m, R=%.0f (seed %d)",
                            lon2,
                            lat2,
                            lon,
                            lat,
                            Distances.meters(lon, lat, lon2, lat2),
                            radius,
                            seed)
                    .contains(cover.homeCell(lon2, lat2));
        }
    }
}
