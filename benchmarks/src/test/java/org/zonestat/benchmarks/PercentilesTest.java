package org.zonestat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    private static final long SEED = Long.getLong("zonestat.seed", 99L);

    @Test
    void nearestRankOnOneToHundredGivesTheRankItself() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());
        assertThat(p.quantile(0.5)).isEqualTo(50);
        assertThat(p.quantile(0.95)).isEqualTo(95);
        assertThat(p.quantile(0.99)).isEqualTo(99);
        assertThat(p.quantile(0.999)).isEqualTo(100);
        assertThat(p.quantile(0)).isEqualTo(1);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.mean()).isEqualTo(50.5);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void aQuantileIsAlwaysAnObservedValue() {
        Percentiles p = Percentiles.of(new long[] {10, 1000});
        assertThat(p.quantile(0.5)).isEqualTo(10);
        assertThat(p.quantile(0.51)).isEqualTo(1000);
    }

    @Test
    void theInputIsCopiedNotSortedInPlace() {
        long[] values = {3, 1, 2};
        Percentiles.of(values);
        assertThat(values).containsExactly(3, 1, 2);

        Histogram h = Percentiles.newHistogram();
        h.recordValue(5);
        Percentiles p = Percentiles.of(h);
        h.recordValue(7);
        assertThat(p.count()).as("a later record does not change the copy").isEqualTo(1);
    }

    @Test
    void largeValuesKeepThreeSignificantDigitsOfTheExactNearestRank() {
        // Nanosecond latencies from 1 µs to 10 s, the benchmarks' range.
        SplittableRandom random = new SplittableRandom(SEED);
        long[] values = new long[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.pow(10, random.nextDouble(3, 10));
        }
        Percentiles p = Percentiles.of(values);
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double q : new double[] {0.5, 0.95, 0.99, 0.999, 1}) {
            long exact = sorted[(int) Math.ceil(q * sorted.length - 1e-9) - 1];
            assertThat(p.quantile(q))
                    .as("q %s, seed %d", q, SEED)
                    .isCloseTo(exact, Percentage.withPercentage(0.1));
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        assertThat(p.mean()).as("seed %d", SEED).isCloseTo(mean, within(mean * 1e-3));
        assertThat(p.count()).isEqualTo(values.length);
    }

    @Test
    void anEmptySampleHasNoQuantilesAndOutOfRangeQuantilesAndNegativeValuesAreRefused() {
        assertThatThrownBy(() -> Percentiles.of(new long[0]).quantile(0.5))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}).quantile(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(new long[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
