package org.zonestat.geo.stats;

import java.util.Arrays;

/**
 * The Mann-Kendall test for a monotonic trend in a series (H. B. Mann, Econometrica 13, 1945; M. G.
 * Kendall, Rank Correlation Methods, 1975; as in R. O. Gilbert, Statistical Methods for
 * Environmental Pollution Monitoring, 1987, ch. 16):
 *
 * <pre>
 * S      = sum over i &lt; j of sgn(x_j - x_i)
 * Var(S) = [ n(n-1)(2n+5) - sum over tie groups of t(t-1)(2t+5) ] / 18
 * Z      = (S - 1)/sqrt(Var S) if S &gt; 0;  0 if S = 0;  (S + 1)/sqrt(Var S) if S &lt; 0
 * p      = 2 (1 - Phi(|Z|))   (two-sided)
 * </pre>
 *
 * <p>The normal approximation is usual from about n = 10; ESRI's emerging hot-spot analysis uses it
 * for any number of time steps, and so does this class. Stateless; thread-safe.
 */
public final class MannKendall {
    private MannKendall() {}

    /**
     * The result: statistic S, its tie-corrected variance, Z with continuity correction, two-sided
     * p.
     */
    public record Result(long s, double variance, double z, double p) {
        /** +1 for a significant upward trend at level alpha, -1 downward, 0 none. */
        public int trend(double alpha) {
            if (!(p < alpha) || s == 0) {
                return 0;
            }
            return s > 0 ? 1 : -1;
        }
    }

    /** Tests the series (in time order). NaN values are not allowed. */
    public static Result test(double[] series) {
        int n = series.length;
        long s = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(series[i])) {
                throw new IllegalArgumentException("series has NaN at position " + i);
            }
            for (int j = i + 1; j < n; j++) {
                s += series[j] > series[i] ? 1 : series[j] < series[i] ? -1 : 0;
            }
        }
        double[] sorted = series.clone();
        Arrays.sort(sorted);
        double ties = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            long t = j - i;
            ties += t * (t - 1) * (2 * t + 5);
            i = j;
        }
        double variance = ((double) n * (n - 1) * (2L * n + 5) - ties) / 18.0;
        double z;
        if (s > 0) {
            z = (s - 1) / Math.sqrt(variance);
        } else if (s < 0) {
            z = (s + 1) / Math.sqrt(variance);
        } else {
            z = 0;
        }
        double p = variance > 0 ? NormalDistribution.twoSidedP(z) : 1;
        return new Result(s, variance, z, p);
    }
}
