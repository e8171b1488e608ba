package org.zonestat.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;

/**
 * Behaviour specific to the grid; agreement with brute force is in {@link
 * ZoneLocatorConformanceTest}.
 */
class GridZoneLocatorTest {
    private static final long SEED = Long.getLong("zonestat.seed", 88L);

    @Test
    void pointsOutsideTheLayerExtentOrNotNumbersAreInNoZone() {
        GridZoneLocator grid = new GridZoneLocator(SyntheticLayers.edgesHolesAndOverlaps());
        assertThat(grid.locate(SyntheticLayers.x(-1), SyntheticLayers.y(5)))
                .isEqualTo(ZoneLocator.NO_ZONE);
        assertThat(grid.locate(SyntheticLayers.x(5), SyntheticLayers.y(40)))
                .isEqualTo(ZoneLocator.NO_ZONE);
        assertThat(grid.locate(Double.NaN, SyntheticLayers.y(5))).isEqualTo(ZoneLocator.NO_ZONE);
        assertThat(grid.locate(SyntheticLayers.x(5), Double.NaN)).isEqualTo(ZoneLocator.NO_ZONE);
    }

    @Test
    void theExtentsOuterCornersBelongToTheirZones() {
        GridZoneLocator grid = new GridZoneLocator(SyntheticLayers.edgesHolesAndOverlaps());
        // (33, 1) is the top-right corner of "islands" and the maximum x of the layer.
        assertThat(grid.zoneName(SyntheticLayers.x(33), SyntheticLayers.y(1))).isEqualTo("islands");
        assertThat(grid.zoneName(SyntheticLayers.x(0), SyntheticLayers.y(30)))
                .isEqualTo("triangle");
        assertThat(grid.zoneName(SyntheticLayers.x(0), SyntheticLayers.y(0))).isEqualTo("west");
    }

    @Test
    void mostOfTheCityIsAnsweredByUniformCellsAndOnlyBoundaryCellsNeedTheExactTest() {
        GridZoneLocator grid = new GridZoneLocator(BaltimoreFixtures.neighborhoods2010());
        GridZoneLocator.Stats stats = grid.stats();
        long cells = (long) stats.cellsX() * stats.cellsY();
        assertThat(stats.boundaryCells()).isPositive();
        assertThat((double) stats.boundaryCells() / cells)
                .as("share of boundary cells")
                .isLessThan(0.05);
        assertThat(stats.mixedTiles()).isLessThan(stats.tiles());
        // About 8 m cells at Baltimore's latitude.
        assertThat(stats.cellHeightDeg() * Distances.METERS_PER_DEGREE).isBetween(7.9, 8.1);
    }

    @Test
    void aLayerTooLargeForTheCellSizeGetsCoarserCellsAndStaysExact() throws Exception {
        ZoneLayer continent =
                new ZoneLayer(
                        "big",
                        "big",
                        "name",
                        List.of(
                                new Zone(
                                        0,
                                        "a",
                                        new WKTReader()
                                                .read(
                                                        "POLYGON ((-100 20, -80 20, -80 45, -100 45, -100 20))"),
                                        Map.of()),
                                new Zone(
                                        1,
                                        "b",
                                        new WKTReader()
                                                .read(
                                                        "POLYGON ((-90 30, -70 30, -70 50, -90 50, -90 30))"),
                                        Map.of())));
        GridZoneLocator grid = new GridZoneLocator(continent);
        assertThat((long) grid.stats().cellsX() * grid.stats().cellsY())
                .isLessThanOrEqualTo(GridZoneLocator.MAX_CELLS + 2L * GridZoneLocator.TILE * 4096);
        BruteForceZoneLocator brute = new BruteForceZoneLocator(continent);
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 20_000; i++) {
            double lon = random.nextDouble(-105, -65);
            double lat = random.nextDouble(15, 55);
            assertThat(grid.locate(lon, lat))
                    .as("(%f, %f), seed %d", lon, lat, SEED)
                    .isEqualTo(brute.locate(lon, lat));
        }
    }

    @Test
    void cellSizeMustBePositive() {
        ZoneLayer layer = SyntheticLayers.edgesHolesAndOverlaps();
        assertThatThrownBy(() -> new GridZoneLocator(layer, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cellMeters");
        assertThatThrownBy(() -> new GridZoneLocator(layer, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogWithTheGridTagsLikeTheDefaultCatalog() {
        ZoneCatalog strTree = ZoneCatalog.load(BaltimoreFixtures.PROFILE_LAYERS);
        ZoneCatalog grid = ZoneCatalog.load(BaltimoreFixtures.PROFILE_LAYERS, GridZoneLocator::new);
        List<double[]> events = BaltimoreFixtures.eventLocations();
        for (double[] e : events) {
            assertThat(grid.tag(e[0], e[1]))
                    .as("(%f, %f)", e[0], e[1])
                    .isEqualTo(strTree.tag(e[0], e[1]));
        }
        assertThat(grid.tag(-76.6107, 39.2909)).containsEntry("neighborhoods", "Downtown");
    }
}
