package org.zonestat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
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
    }

    @Test
    void anEmptySampleHasNoQuantilesAndOutOfRangeQuantilesAreRefused() {
        assertThatThrownBy(() -> Percentiles.of(new long[0]).quantile(0.5))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}).quantile(1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
