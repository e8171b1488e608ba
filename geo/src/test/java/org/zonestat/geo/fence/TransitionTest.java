package org.zonestat.geo.fence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.zonestat.geo.StrTreeZoneLocator;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneLayer;

/**
 * Every case of the transition function on a small hand-made layer in Baltimore: two squares that
 * share an edge ("west" [0,10]², "east" [10,20]×[0,10]) and a small square "north" [4,6]×[14,16],
 * in units of 0.001° from (-76.62, 39.28).
 */
class TransitionTest {
    private static final double UNIT = 0.001;
    private static final LayerFences FENCES = new LayerFences(new StrTreeZoneLocator(layer()));
    private static final Fence WEST = FENCES.fence(0);
    private static final Fence EAST = FENCES.fence(1);
    private static final Fence NORTH = FENCES.fence(2);

    @Test
    void aFirstFixEntersTheZoneItIsInAndIsOutsideTheOthers() {
        assertThat(Transition.of(null, at(5, 5), WEST)).isEqualTo(Transition.ENTER);
        assertThat(Transition.of(null, at(5, 5), EAST)).isEqualTo(Transition.OUTSIDE);
    }

    @Test
    void movingWithinAZoneIsInsideAndOutsideItIsOutside() {
        assertThat(Transition.of(at(2, 2), at(8, 3), WEST)).isEqualTo(Transition.INSIDE);
        assertThat(Transition.of(at(2, 2), at(8, 3), NORTH)).isEqualTo(Transition.OUTSIDE);
        assertThat(Transition.of(at(25, 2), at(25, 8), EAST)).isEqualTo(Transition.OUTSIDE);
    }

    @Test
    void movingAcrossTheSharedEdgeExitsOneZoneAndEntersTheOther() {
        assertThat(Transition.of(at(8, 5), at(12, 5), WEST)).isEqualTo(Transition.EXIT);
        assertThat(Transition.of(at(8, 5), at(12, 5), EAST)).isEqualTo(Transition.ENTER);
    }

    @Test
    void aTrackThatPassesThroughAZoneBetweenTwoFixesCrossesIt() {
        // (5,12) and (5,18) are both outside "north" [4,6]x[14,16]; the segment goes through it.
        assertThat(Transition.of(at(5, 12), at(5, 18), NORTH)).isEqualTo(Transition.CROSS);
        // Passing beside it does not.
        assertThat(Transition.of(at(7, 12), at(7, 18), NORTH)).isEqualTo(Transition.OUTSIDE);
        // Along the diagonal, corner to corner.
        assertThat(Transition.of(at(3, 13), at(7, 17), NORTH)).isEqualTo(Transition.CROSS);
        assertThat(Transition.of(at(3, 16), at(7, 20), NORTH)).isEqualTo(Transition.OUTSIDE);
        assertThat(Transition.of(at(2, 16), at(4, 18), NORTH)).isEqualTo(Transition.OUTSIDE);
        // A track that cuts a corner crosses it.
        assertThat(Transition.of(at(3, 14.5), at(5, 16.5), NORTH)).isEqualTo(Transition.CROSS);
        // Ending exactly on the corner is inside, so that is an entry, not a crossing.
        assertThat(Transition.of(at(2, 14), at(4, 16), NORTH)).isEqualTo(Transition.ENTER);
    }

    @Test
    void aFixExactlyOnABoundaryIsInsideAndOnASharedEdgeBelongsToTheZoneListedFirst() {
        LonLat onNorthEdge = at(5, 16);
        assertThat(NORTH.contains(onNorthEdge)).isTrue();
        assertThat(Transition.of(at(5, 18), onNorthEdge, NORTH)).isEqualTo(Transition.ENTER);
        assertThat(Transition.of(onNorthEdge, at(5, 18), NORTH)).isEqualTo(Transition.EXIT);

        LonLat onSharedEdge = at(10, 5);
        assertThat(WEST.contains(onSharedEdge)).isTrue();
        assertThat(EAST.contains(onSharedEdge)).isFalse();
        assertThat(FENCES.zoneAt(onSharedEdge)).isEqualTo(0);
        // From east onto the shared edge: into west, out of east; and on across west stays inside.
        assertThat(Transition.of(at(15, 5), onSharedEdge, EAST)).isEqualTo(Transition.EXIT);
        assertThat(Transition.of(at(15, 5), onSharedEdge, WEST)).isEqualTo(Transition.ENTER);
        assertThat(Transition.of(onSharedEdge, at(5, 5), WEST)).isEqualTo(Transition.INSIDE);
    }

    @Test
    void aTrackEndingOnTheSharedEdgeEntersTheFirstZoneAndDoesNotCrossTheOther() {
        LonLat below = at(5, -5);
        LonLat onSharedEdge = at(10, 5);
        assertThat(Transition.of(below, onSharedEdge, WEST)).isEqualTo(Transition.ENTER);
        assertThat(Transition.of(below, onSharedEdge, EAST)).isEqualTo(Transition.OUTSIDE);
        // Running along the edge of a zone, outside it, does not cross it either.
        assertThat(Transition.of(at(4, 13), at(4, 17), NORTH)).isEqualTo(Transition.OUTSIDE);
    }

    @Test
    void aStationaryDeviceStaysWhereItIs() {
        assertThat(Transition.of(at(5, 5), at(5, 5), WEST)).isEqualTo(Transition.INSIDE);
        assertThat(Transition.of(at(5, 12), at(5, 12), NORTH)).isEqualTo(Transition.OUTSIDE);
    }

    @Test
    void theCrossCandidatesHoldEveryZoneTheSegmentCrosses() {
        for (int[] s : new int[][] {{5, 12, 5, 18}, {-2, 5, 22, 5}, {3, 13, 7, 17}, {1, 1, 2, 2}}) {
            LonLat a = at(s[0], s[1]);
            LonLat b = at(s[2], s[3]);
            List<Integer> crossed = new ArrayList<>();
            for (int z = 0; z < FENCES.layer().size(); z++) {
                if (FENCES.fence(z).crossedBy(a, b)) {
                    crossed.add(z);
                }
            }
            assertThat(FENCES.crossCandidates(a, b)).as("%s", List.of(s)).containsAll(crossed);
        }
    }

    @Test
    void anH3CellIsInsideByH3sOwnRuleAndCrossedByItsHexagon() {
        LonLat centre = at(5, 5);
        String address =
                org.zonestat.geo.H3Binner.h3().latLngToCellAddress(centre.lat(), centre.lon(), 8);
        H3CellFence cell = new H3CellFence(address);
        assertThat(Transition.of(null, centre, cell)).isEqualTo(Transition.ENTER);
        LonLat farWest = new LonLat(centre.lon() - 0.02, centre.lat());
        LonLat farEast = new LonLat(centre.lon() + 0.02, centre.lat());
        assertThat(cell.contains(farWest)).isFalse();
        assertThat(cell.contains(farEast)).isFalse();
        assertThat(Transition.of(farWest, farEast, cell)).isEqualTo(Transition.CROSS);
        assertThat(Transition.of(centre, farEast, cell)).isEqualTo(Transition.EXIT);
        assertThat(cell.address()).isEqualTo(address);
    }

    @Test
    void theClosestApproachOfASegmentIsMeasuredInMeters() {
        LonLat p = new LonLat(-76.62, 39.28);
        double dLon = 100 / (111_195.08 * Math.cos(Math.toRadians(39.28)));
        SegmentApproach passing =
                SegmentApproach.of(
                        p, new LonLat(-76.62 + dLon, 39.27), new LonLat(-76.62 + dLon, 39.29));
        assertThat(passing.meters()).isCloseTo(100, org.assertj.core.data.Offset.offset(0.5));
        assertThat(passing.fraction()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
        SegmentApproach still = SegmentApproach.of(p, p, p);
        assertThat(still.meters()).isZero();
    }

    private static LonLat at(double x, double y) {
        return new LonLat(-76.62 + x * UNIT, 39.28 + y * UNIT);
    }

    private static ZoneLayer layer() {
        List<Zone> zones = new ArrayList<>();
        zones.add(zone(0, "west", 0, 0, 10, 10));
        zones.add(zone(1, "east", 10, 0, 20, 10));
        zones.add(zone(2, "north", 4, 14, 6, 16));
        return new ZoneLayer("test", "Test", "name", zones);
    }

    private static Zone zone(int index, String name, double x0, double y0, double x1, double y1) {
        LonLat a = at(x0, y0);
        LonLat b = at(x1, y1);
        String wkt =
                String.format(
                        "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))",
                        a.lon(), a.lat(), b.lon(), a.lat(), b.lon(), b.lat(), a.lon(), b.lat(),
                        a.lon(), a.lat());
        try {
            Geometry g = new WKTReader().read(wkt);
            return new Zone(index, name, g, Map.of("name", name));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
