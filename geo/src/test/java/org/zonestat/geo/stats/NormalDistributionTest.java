package org.zonestat.geo.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference values: R's pnorm / Python's 0.5 * erfc(-z / sqrt(2)), 16 significant digits. */
class NormalDistributionTest {
    @ParameterizedTest(name = "Phi({0}) = {1}")
    @CsvSource({
        "0, 0.5",
        "1, 0.8413447460685429",
        "1.959963984540054, 0.975",
        "-1.644853626951472, 0.05",
        "2.5, 0.9937903346742238",
        "-2.9, 0.0018658133003840384",
        "-3, 0.0013498980316300957",
        "3.5, 0.9997673709209645"
    })
    void cdfMatchesTabulatedValues(double z, double expected) {
        assertThat(NormalDistribution.cdf(z)).isCloseTo(expected, within(1e-15));
    }

    @ParameterizedTest(name = "Q({0}) = {1}")
    @CsvSource({
        "3, 0.0013498980316300957",
        "5, 2.866515718791946e-07",
        "8, 6.220960574271819e-16",
        "10, 7.619853024160593e-24"
    })
    void upperTailKeepsRelativeAccuracyFarOut(double z, double expected) {
        assertThat(NormalDistribution.upperTail(z)).isCloseTo(expected, within(expected * 1e-12));
    }

    @Test
    void twoSidedPValueOf196IsFivePercent() {
        assertThat(NormalDistribution.twoSidedP(1.959963984540054)).isCloseTo(0.05, within(1e-14));
        assertThat(NormalDistribution.twoSidedP(-1.959963984540054)).isCloseTo(0.05, within(1e-14));
        assertThat(NormalDistribution.twoSidedP(0)).isEqualTo(1.0);
    }

    @Test
    void cdfIsContinuousWhereTheMethodsMeet() {
        assertThat(NormalDistribution.cdf(2.9999999999))
                .isCloseTo(NormalDistribution.cdf(3.0), within(1e-12));
        assertThat(NormalDistribution.cdf(-2.9999999999))
                .isCloseTo(NormalDistribution.cdf(-3.0), within(1e-12));
    }
}
