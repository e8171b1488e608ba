package org.zonestat.geo.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {
    @Test
    void adjustedValuesMatchAHandComputation() {
        // m = 4; ranked 0.005 (1), 0.01 (2), 0.03 (3), 0.04 (4); p*m/rank = 0.02, 0.02, 0.04, 0.04;
        // running minimum from the largest rank: 0.04, 0.04, 0.02, 0.02.
        double[] q = BenjaminiHochberg.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(q).containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-15));
    }

    @Test
    void adjustedValuesMatchRsPAdjust() {
        // R: p.adjust(c(0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205), "BH")
        //    0.0080 0.0320 0.0672 0.0672 0.0672 0.0800 0.0846 0.2050
        double[] q =
                BenjaminiHochberg.adjust(
                        new double[] {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205});
        assertThat(q)
                .containsExactly(
                        new double[] {0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.0845714, 0.205},
                        within(1e-6));
    }

    @Test
    void significanceIsJudgedOnTheAdjustedValues() {
        assertThat(BenjaminiHochberg.significant(new double[] {0.01, 0.04, 0.03, 0.005}, 0.03))
                .containsExactly(true, false, false, true);
    }

    @Test
    void nanStaysNanAndDoesNotCount() {
        double[] q = BenjaminiHochberg.adjust(new double[] {Double.NaN, 0.02, 0.04});
        assertThat(q[0]).isNaN();
        assertThat(q[1]).isCloseTo(0.04, within(1e-15));
        assertThat(q[2]).isCloseTo(0.04, within(1e-15));
    }
}
