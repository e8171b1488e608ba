package org.zonestat.geo.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One series per category. A series is written as one character per time step, oldest first: {@code
 * H} hot (z = +3, p = 0.0027), {@code C} cold (z = -3), {@code .} not significant (z = 0.5, p =
 * 0.62). Trends come from the z-scores: {@code H} steps are given rising or falling z (3 to 6, or 6
 * to 3) when the series name says so.
 */
class EmergingHotSpotClassifierTest {
    private final EmergingHotSpotClassifier classifier = new EmergingHotSpotClassifier();

    @ParameterizedTest(name = "{0} with trend {1} is {2}")
    @CsvSource({
        // New: hot only at the final step.
        "'.........H', flat, NEW_HOT_SPOT",
        "'.........C', flat, NEW_COLD_SPOT",
        // New is checked before oscillating: first hot step at the end, after a cold one.
        "'..C......H', flat, NEW_HOT_SPOT",
        // Consecutive: one final run of >= 2 hot steps, never hot before, < 90% hot.
        "'.......HHH', flat, CONSECUTIVE_HOT_SPOT",
        "'......CCCC', flat, CONSECUTIVE_COLD_SPOT",
        // Intensifying / persistent / diminishing: >= 90% hot including the final step.
        "'HHHHHHHHHH', up, INTENSIFYING_HOT_SPOT",
        "'.HHHHHHHHH', up, INTENSIFYING_HOT_SPOT",
        "'HHHHHHHHHH', flat, PERSISTENT_HOT_SPOT",
        "'HHHHHHHHHH', down, DIMINISHING_HOT_SPOT",
        "'CCCCCCCCCC', up, INTENSIFYING_COLD_SPOT",
        "'CCCCCCCCCC', flat, PERSISTENT_COLD_SPOT",
        "'CCCCCCCCCC', down, DIMINISHING_COLD_SPOT",
        // Sporadic: final hot, on and off before, < 90% hot, never cold.
        "'H..H.H...H', flat, SPORADIC_HOT_SPOT",
        "'C..C.C..CC', flat, SPORADIC_COLD_SPOT",
        // Oscillating: final hot, hot before too, and some earlier cold step.
        "'H.C..H...H', flat, OSCILLATING_HOT_SPOT",
        "'C.H..C...C', flat, OSCILLATING_COLD_SPOT",
        // Historical: final step not hot, >= 90% of steps hot.
        "'HHHHHHHHH.', flat, HISTORICAL_HOT_SPOT",
        "'CCCCCCCCC.', flat, HISTORICAL_COLD_SPOT",
        // No pattern: nothing significant at the end and < 90% before.
        "'..........', flat, NO_PATTERN",
        "'HHHHH.....', flat, NO_PATTERN"
    })
    void seriesIsClassifiedIntoItsCategory(
            String steps, String trend, EmergingHotSpotCategory expected) {
        assertThat(classifier.classify(series(steps, trend))).isEqualTo(expected);
    }

    @Test
    void everyCategoryIsCoveredByTheSeriesAbove() throws NoSuchMethodException {
        CsvSource source =
                getClass()
                        .getDeclaredMethod(
                                "seriesIsClassifiedIntoItsCategory",
                                String.class,
                                String.class,
                                EmergingHotSpotCategory.class)
                        .getAnnotation(CsvSource.class);
        Set<EmergingHotSpotCategory> covered = EnumSet.noneOf(EmergingHotSpotCategory.class);
        for (String row : source.value()) {
            covered.add(
                    EmergingHotSpotCategory.valueOf(
                            row.substring(row.lastIndexOf(',') + 1).trim()));
        }
        assertThat(covered).containsExactlyInAnyOrder(EmergingHotSpotCategory.values());
    }

    @Test
    void windowsAreClassifiedPerCellAndAMissingCellIsNotSignificant() {
        List<Map<Long, GiStar>> windows = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            GiStar hot = new GiStar(1L, 5, 3, 0.0027, 0.0027);
            windows.add(
                    t == 3
                            ? Map.of(1L, hot, 2L, new GiStar(2L, 9, 3, 0.0027, 0.0027))
                            : Map.of(1L, hot));
        }
        Map<Long, EmergingHotSpotCategory> categories = classifier.classifyWindows(windows);
        assertThat(categories)
                .containsEntry(1L, EmergingHotSpotCategory.PERSISTENT_HOT_SPOT)
                .containsEntry(2L, EmergingHotSpotCategory.NEW_HOT_SPOT);
    }

    private static List<GiStar> series(String steps, String trend) {
        List<GiStar> out = new ArrayList<>();
        int n = steps.length();
        for (int t = 0; t < n; t++) {
            char c = steps.charAt(t);
            double magnitude =
                    switch (trend) {
                        case "up" -> 3 + 3.0 * t / (n - 1);
                        case "down" -> 6 - 3.0 * t / (n - 1);
                        default -> 3 + (t % 2) * 0.01;
                    };
            double z = c == 'H' ? magnitude : c == 'C' ? -magnitude : 0.5;
            double p = NormalDistribution.twoSidedP(z);
            out.add(new GiStar(1L, 0, z, p, p));
        }
        return out;
    }
}
