package org.zonestat.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/** The oracle itself: its answer is the first zone whose geometry {@code intersects} the point. */
class BruteForceZoneLocatorTest {
    private static final long SEED = Long.getLong("zonestat.seed", 7L);
    private final GeometryFactory factory = new GeometryFactory();

    @Test
    void answerIsTheFirstZoneThatIntersectsThePointByJtsRelate() {
        ZoneLayer layer = SyntheticLayers.edgesHolesAndOverlaps();
        BruteForceZoneLocator brute = new BruteForceZoneLocator(layer);
        SplittableRandom random = new SplittableRandom(SEED);
        int inside = 0;
        for (int i = 0; i < 3000; i++) {
            // Half on the quarter-unit lattice (edges and corners), half anywhere.
            double ux = i % 2 == 0 ? random.nextInt(-4, 140) / 4.0 : random.nextDouble(-1, 35);
            double uy = i % 2 == 0 ? random.nextInt(-4, 124) / 4.0 : random.nextDouble(-1, 31);
            double lon = SyntheticLayers.x(ux);
            double lat = SyntheticLayers.y(uy);
            int expected = firstIntersecting(layer, lon, lat);
            assertThat(brute.locate(lon, lat))
                    .as("point (%s, %s) units, seed %d", ux, uy, SEED)
                    .isEqualTo(expected);
            inside += expected >= 0 ? 1 : 0;
        }
        assertThat(inside).as("points inside a zone (seed %d)", SEED).isGreaterThan(300);
    }

    @Test
    void pointsOnASharedEdgeGoToTheLowerZoneIndex() {
        BruteForceZoneLocator brute =
                new BruteForceZoneLocator(SyntheticLayers.edgesHolesAndOverlaps());
        // x=10 is shared by "west" (0) and "east" (1); y=2 is below the "overlap" square.
        assertThat(brute.locate(SyntheticLayers.x(10), SyntheticLayers.y(2))).isEqualTo(0);
        assertThat(brute.zoneName(SyntheticLayers.x(10.25), SyntheticLayers.y(2)))
                .isEqualTo("east");
    }

    @Test
    void pointsInAHoleBelongToNoZoneUnlessAnotherZoneCoversThem() {
        BruteForceZoneLocator brute =
                new BruteForceZoneLocator(SyntheticLayers.edgesHolesAndOverlaps());
        assertThat(brute.locate(SyntheticLayers.x(4.5), SyntheticLayers.y(4.5)))
                .isEqualTo(ZoneLocator.NO_ZONE);
        assertThat(brute.locate(SyntheticLayers.x(5.5), SyntheticLayers.y(5.5))).isEqualTo(2);
        // The hole's own edge is the boundary of "west", which comes first.
        assertThat(brute.locate(SyntheticLayers.x(4), SyntheticLayers.y(4.5))).isEqualTo(0);
    }

    private int firstIntersecting(ZoneLayer layer, double lon, double lat) {
        Point p = factory.createPoint(new Coordinate(lon, lat));
        for (Zone z : layer.zones()) {
            if (z.geometry().intersects(p)) {
                return z.index();
            }
        }
        return ZoneLocator.NO_ZONE;
    }
}
