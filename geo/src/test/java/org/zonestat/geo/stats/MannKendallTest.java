package org.zonestat.geo.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MannKendallTest {
    /**
     * The published worked example of J. Little, "A Mann-Kendall Example ('By Hand')", College of
     * the Holy Cross (mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt): 14 values, 91
     * pairs with 72 increases, 18 decreases and one tie, so S = 54; one pair of equal values
     * (12.9), so Var(S) = 14*13*33/18 - 2*1*9/18 = 332.67; Z = (S - 1)/sqrt(Var S) = 2.9058, and
     * the page's one-sided p of about .0018 is a two-sided p of 0.0037.
     */
    @Test
    void matchesThePublishedWorkedExampleWithATie() {
        double[] series = {
            12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7
        };
        MannKendall.Result r = MannKendall.test(series);
        assertThat(r.s()).isEqualTo(54);
        assertThat(r.variance()).isCloseTo(14.0 * 13 * 33 / 18 - 2.0 * 1 * 9 / 18, within(1e-9));
        assertThat(r.z()).isCloseTo(2.9058, within(5e-5));
        assertThat(r.p() / 2).isCloseTo(0.0018, within(5e-5));
        assertThat(r.trend(0.05)).isEqualTo(1);
    }

    @Test
    void decreasingSeriesHasNegativeSAndZWithContinuityCorrection() {
        // 5 strictly decreasing values: S = -10, Var = 5*4*15/18 = 16.667, Z = (-10 + 1)/4.0825 =
        // -2.2045.
        MannKendall.Result r = MannKendall.test(new double[] {5, 4, 3, 2, 1});
        assertThat(r.s()).isEqualTo(-10);
        assertThat(r.variance()).isCloseTo(300.0 / 18, within(1e-12));
        assertThat(r.z()).isCloseTo(-9 / Math.sqrt(300.0 / 18), within(1e-12));
        assertThat(r.trend(0.05)).isEqualTo(-1);
    }

    @Test
    void flatSeriesHasNoTrend() {
        MannKendall.Result r = MannKendall.test(new double[] {3, 3, 3, 3});
        assertThat(r.s()).isZero();
        assertThat(r.z()).isZero();
        assertThat(r.p()).isEqualTo(1.0);
        assertThat(r.trend(0.05)).isZero();
    }
}
