package org.zonestat.geo.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ForecastScoreTest {
    /**
     * By hand: 100 cells in the study area, 5 flagged (area share 5/100 = 0.05); 20 later events of
     * which 8 fall in flagged cells (hit rate 8/20 = 0.4); PAI = 0.4 / 0.05 = 8.
     */
    @Test
    void paiAndHitRateMatchAHandComputation() {
        Set<Long> flagged = Set.of(1L, 2L, 3L, 4L, 5L);
        long[] events = {1, 1, 2, 3, 3, 3, 5, 4, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21};
        ForecastScore s = ForecastScore.ofCells(flagged, events, 100);
        assertThat(s.hits()).isEqualTo(8);
        assertThat(s.events()).isEqualTo(20);
        assertThat(s.hitRate()).isCloseTo(0.4, within(1e-15));
        assertThat(s.areaShare()).isCloseTo(0.05, within(1e-15));
        assertThat(s.pai()).isCloseTo(8.0, within(1e-12));
    }

    @Test
    void areaMayBeGivenInAnyUnit() {
        // 2.5 km^2 flagged of 210 km^2; 30 of 120 events: PAI = 0.25 / (2.5/210) = 21.
        assertThat(new ForecastScore(120, 30, 2.5, 210).pai()).isCloseTo(21.0, within(1e-12));
    }

    @Test
    void moreHitsThanEventsIsRejected() {
        assertThatThrownBy(() -> new ForecastScore(3, 4, 1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 of 3");
    }
}
