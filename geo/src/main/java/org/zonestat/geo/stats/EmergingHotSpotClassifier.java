package org.zonestat.geo.stats;

import static org.zonestat.geo.stats.EmergingHotSpotCategory.*;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classifies a cell's series of Gi* results (one per time step, oldest first) into ESRI's emerging
 * hot-spot categories ("How Emerging Hot Spot Analysis works", ArcGIS Pro). A step is <em>hot</em>
 * when z &gt; 0 and p &lt; {@code significance}, <em>cold</em> when z &lt; 0 and p &lt; {@code
 * significance}; the trend is the Mann-Kendall test of the z-scores at {@code trendSignificance}.
 * With n steps and "90%" meaning at least 0.9 n of them, the rules for hot spots, checked in this
 * order, are:
 *
 * <ol>
 *   <li>final step hot and at least 90% of steps hot: <b>intensifying</b> if the z-scores trend up
 *       significantly, <b>diminishing</b> if they trend down, <b>persistent</b> otherwise;
 *   <li>final step hot, never hot before: <b>new</b>;
 *   <li>final step hot, the final run of hot steps has length &ge; 2 and there is no hot step
 *       before that run: <b>consecutive</b>;
 *   <li>final step hot and some earlier step cold: <b>oscillating</b>;
 *   <li>final step hot otherwise (on and off, never cold): <b>sporadic</b>;
 *   <li>final step not hot, at least 90% of steps hot: <b>historical</b>.
 * </ol>
 *
 * Cold spots mirror the rules (hot and cold swapped, "trend up" meaning colder, i.e. z-scores
 * trending down). Anything else is {@link EmergingHotSpotCategory#NO_PATTERN}.
 *
 * <p>ESRI's text lets a final-step spot with an earlier opposite spot be both "new" and
 * "oscillating"; this class checks "new" and "consecutive" first, which is a documented choice.
 *
 * <p>Immutable and thread-safe.
 */
public final class EmergingHotSpotClassifier {
    private final double significance;
    private final double trendSignificance;
    private final boolean fdr;

    /**
     * @param significance level for a step to be a hot or cold spot (e.g. 0.05)
     * @param fdr whether to judge steps on the Benjamini-Hochberg q-value instead of p
     * @param trendSignificance level of the Mann-Kendall trend test (e.g. 0.05)
     */
    public EmergingHotSpotClassifier(double significance, boolean fdr, double trendSignificance) {
        this.significance = significance;
        this.fdr = fdr;
        this.trendSignificance = trendSignificance;
    }

    /** 95% confidence on p for steps and trend. */
    public EmergingHotSpotClassifier() {
        this(0.05, false, 0.05);
    }

    /** Classifies one cell from its Gi* results, oldest first. */
    public EmergingHotSpotCategory classify(List<GiStar> series) {
        int n = series.size();
        int[] state = new int[n];
        double[] z = new double[n];
        for (int t = 0; t < n; t++) {
            GiStar g = series.get(t);
            state[t] = g.isHot(significance, fdr) ? 1 : g.isCold(significance, fdr) ? -1 : 0;
            z[t] = g.z();
        }
        return classify(state, z);
    }

    /**
     * Classifies every cell seen in any window; a cell missing from a window counts as z = 0, p = 1
     * (not significant) there.
     */
    public Map<Long, EmergingHotSpotCategory> classifyWindows(List<Map<Long, GiStar>> windows) {
        Set<Long> cells = new LinkedHashSet<>();
        windows.forEach(w -> cells.addAll(w.keySet()));
        Map<Long, EmergingHotSpotCategory> out = new LinkedHashMap<>();
        for (long cell : cells) {
            List<GiStar> series =
                    windows.stream()
                            .map(w -> w.getOrDefault(cell, new GiStar(cell, 0, 0, 1, 1)))
                            .toList();
            out.put(cell, classify(series));
        }
        return out;
    }

    private EmergingHotSpotCategory classify(int[] state, double[] z) {
        int n = state.length;
        if (n == 0) {
            return NO_PATTERN;
        }
        int last = state[n - 1];
        if (last != 0) {
            return spot(state, z, last);
        }
        for (int sign : new int[] {1, -1}) {
            if (count(state, sign) >= 0.9 * n) {
                return sign > 0 ? HISTORICAL_HOT_SPOT : HISTORICAL_COLD_SPOT;
            }
        }
        return NO_PATTERN;
    }

    /** The category of a series whose final step is a spot of {@code sign} (+1 hot, -1 cold). */
    private EmergingHotSpotCategory spot(int[] state, double[] z, int sign) {
        int n = state.length;
        boolean hot = sign > 0;
        if (count(state, sign) >= 0.9 * n) {
            int trend = MannKendall.test(z).trend(trendSignificance) * sign;
            if (trend > 0) {
                return hot ? INTENSIFYING_HOT_SPOT : INTENSIFYING_COLD_SPOT;
            }
            if (trend < 0) {
                return hot ? DIMINISHING_HOT_SPOT : DIMINISHING_COLD_SPOT;
            }
            return hot ? PERSISTENT_HOT_SPOT : PERSISTENT_COLD_SPOT;
        }
        int runStart = n - 1;
        while (runStart > 0 && state[runStart - 1] == sign) {
            runStart--;
        }
        boolean spotBeforeRun = false;
        boolean oppositeBefore = false;
        for (int t = 0; t < runStart; t++) {
            spotBeforeRun |= state[t] == sign;
            oppositeBefore |= state[t] == -sign;
        }
        int runLength = n - runStart;
        if (!spotBeforeRun && runLength == 1) {
            return hot ? NEW_HOT_SPOT : NEW_COLD_SPOT;
        }
        if (!spotBeforeRun) {
            return hot ? CONSECUTIVE_HOT_SPOT : CONSECUTIVE_COLD_SPOT;
        }
        if (oppositeBefore) {
            return hot ? OSCILLATING_HOT_SPOT : OSCILLATING_COLD_SPOT;
        }
        return hot ? SPORADIC_HOT_SPOT : SPORADIC_COLD_SPOT;
    }

    private static int count(int[] state, int sign) {
        int c = 0;
        for (int s : state) {
            c += s == sign ? 1 : 0;
        }
        return c;
    }
}
