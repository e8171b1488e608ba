package org.zonestat.console.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The public scorecard's small-count rule. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PublicSuppressionTest {

    @Test
    void counts_from_1_to_4_become_less_than_5_and_0_and_5_stay_numbers() {
        assertThat(ScorecardRoutes.suppressed(0)).isEqualTo(0L);
        for (long n = 1; n <= 4; n++) {
            assertThat(ScorecardRoutes.suppressed(n)).isEqualTo("<5");
        }
        assertThat(ScorecardRoutes.suppressed(5)).isEqualTo(5L);
    }

    @Test
    void a_small_count_that_the_total_would_give_away_withholds_every_count_of_the_zone() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("homicides", 1L);
        counts.put("shootings", 13L);

        Map<String, Object> shown = ScorecardRoutes.suppressed(counts, 14);

        assertThat(shown).containsEntry("homicides", null).containsEntry("shootings", null);
    }

    @Test
    void when_the_total_is_small_too_the_counts_are_shown_suppressed() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("homicides", 0L);
        counts.put("shootings", 3L);

        assertThat(ScorecardRoutes.suppressed(counts, 3))
                .containsEntry("homicides", 0L)
                .containsEntry("shootings", "<5");
    }

    @Test
    void counts_of_5_or_more_are_all_shown() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("homicides", 5L);
        counts.put("shootings", 0L);

        assertThat(ScorecardRoutes.suppressed(counts, 5))
                .containsEntry("homicides", 5L)
                .containsEntry("shootings", 0L);
    }
}
