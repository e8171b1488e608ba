package org.zonestat.geo.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.H3Binner;

class GetisOrdGiStarTest {
    /** Cells 1..5 in a row; the neighbors of i are i-1, i, i+1. */
    private static final CellNeighbors LINE = cell -> new long[] {cell - 1, cell, cell + 1};

    /**
     * Five cells in a row with counts 0, 0, 10, 0, 0, by hand: n = 5, Xbar = 10/5 = 2, S =
     * sqrt(100/5 - 2^2) = 4.
     *
     * <ul>
     *   <li>cell 3 (neighbors 2, 3, 4): sum w = 3, sum wx = 10; numerator 10 - 2*3 = 4; denominator
     *       4 * sqrt((5*3 - 3^2)/4) = 4 * sqrt(1.5) = 4.898979; Gi* = 0.816497. Cell 2 (1, 2, 3)
     *       and cell 4 have the same sums, so the same Gi*.
     *   <li>cell 1 (neighbors 1, 2; cell 0 is outside): sum w = 2, sum wx = 0; numerator 0 - 2*2 =
     *       -4; denominator 4 * sqrt((5*2 - 2^2)/4) = 4.898979; Gi* = -0.816497. Same for cell 5.
     *   <li>p-values: 2 (1 - Phi(0.816497)) = 0.414216 for all five; BH leaves them all at
     *       0.414216.
     * </ul>
     */
    @Test
    void lineOfFiveCellsMatchesTheHandComputation() {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        for (long c = 1; c <= 5; c++) {
            counts.put(c, c == 3 ? 10 : 0);
        }
        Map<Long, GiStar> gi = new GetisOrdGiStar(LINE).compute(counts);
        double z = 4 / (4 * Math.sqrt(1.5));
        assertThat(z).isCloseTo(0.816497, within(1e-6));
        assertThat(gi.get(3L).z()).isCloseTo(z, within(1e-12));
        assertThat(gi.get(2L).z()).isCloseTo(z, within(1e-12));
        assertThat(gi.get(4L).z()).isCloseTo(z, within(1e-12));
        assertThat(gi.get(1L).z()).isCloseTo(-z, within(1e-12));
        assertThat(gi.get(5L).z()).isCloseTo(-z, within(1e-12));
        assertThat(gi.values())
                .allSatisfy(
                        g -> {
                            assertThat(g.p()).isCloseTo(0.414216, within(1e-6));
                            assertThat(g.q()).isCloseTo(0.414216, within(1e-6));
                            assertThat(g.confidenceBin(false)).isZero();
                        });
    }

    /**
     * A real H3 disk in Baltimore: the 19 cells within 2 steps of the cell of City Hall (res 9), k
     * = 1 weights. Counts: 7 at the center, 1 in each of the 6 ring-1 cells, 0 in the 12 ring-2
     * cells. By hand: n = 19, sum x = 13, sum x^2 = 55, Xbar = 13/19 = 0.684211, S = sqrt(55/19 -
     * Xbar^2) = 1.557752.
     *
     * <ul>
     *   <li>center (7 neighbors, all in the area): sum wx = 13; numerator 13 - 7 Xbar = 8.210526;
     *       denominator S sqrt((19*7 - 49)/18) = 1.557752 * 2.160247 = 3.365130; Gi* = 2.439884, p
     *       = 2 (1 - Phi(2.439884)) = 0.014692 (hot at 95%).
     *   <li>ring-1 cell (itself, the center, 2 ring-1 and 3 ring-2 neighbors): sum wx = 1+7+1+1 =
     *       10; numerator 10 - 7 Xbar = 5.210526; Gi* = 1.548388.
     * </ul>
     */
    @Test
    void h3DiskWithKRingWeightsMatchesTheHandComputation() {
        long center = new H3Binner(9).cell(-76.6107, 39.2909);
        List<Long> ring1 = H3Binner.h3().gridRing(center, 1);
        Map<Long, Integer> counts = new LinkedHashMap<>();
        for (long cell : H3Binner.h3().gridDisk(center, 2)) {
            counts.put(cell, cell == center ? 7 : ring1.contains(cell) ? 1 : 0);
        }
        assertThat(counts).hasSize(19);
        Map<Long, GiStar> gi = new GetisOrdGiStar(new H3RingNeighbors(1)).compute(counts);
        assertThat(gi.get(center).z()).isCloseTo(2.439884, within(1e-6));
        assertThat(gi.get(center).p()).isCloseTo(0.014692, within(1e-6));
        assertThat(gi.get(center).isHot(0.05, false)).isTrue();
        assertThat(gi.get(center).confidenceBin(false)).isEqualTo(2);
        for (long cell : ring1) {
            assertThat(gi.get(cell).z()).isCloseTo(1.548388, within(1e-6));
        }
    }

    @Test
    void equalCountsEverywhereGiveNoHotSpot() {
        Map<Long, GiStar> gi = new GetisOrdGiStar(LINE).compute(Map.of(1L, 3, 2L, 3, 3L, 3));
        assertThat(gi.values())
                .allSatisfy(
                        g -> {
                            assertThat(g.z()).isZero();
                            assertThat(g.p()).isEqualTo(1.0);
                        });
    }
}
