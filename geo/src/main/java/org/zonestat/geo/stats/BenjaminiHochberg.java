package org.zonestat.geo.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Benjamini-Hochberg false-discovery-rate correction (Y. Benjamini and Y. Hochberg,
 * "Controlling the False Discovery Rate", J. R. Stat. Soc. B 57(1), 1995), as in R's {@code
 * p.adjust(p, "BH")}: with the m p-values ranked {@code p(1) <= ... <= p(m)}, the adjusted value
 * (q-value) of rank i is {@code min over k >= i of min(1, p(k) m / k)}. Rejecting every test with
 * {@code q <= alpha} keeps the expected share of false discoveries at most alpha.
 *
 * <p>Stateless; thread-safe.
 */
public final class BenjaminiHochberg {
    private BenjaminiHochberg() {}

    /**
     * Adjusted p-values, in the order of the input. NaN p-values stay NaN and do not count in m.
     */
    public static double[] adjust(double[] pValues) {
        int[] order =
                IntStream.range(0, pValues.length)
                        .filter(i -> !Double.isNaN(pValues[i]))
                        .boxed()
                        .sorted(Comparator.comparingDouble(i -> pValues[i]))
                        .mapToInt(Integer::intValue)
                        .toArray();
        double[] adjusted = new double[pValues.length];
        Arrays.fill(adjusted, Double.NaN);
        int m = order.length;
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, pValues[i] * m / rank);
            adjusted[i] = Math.min(1, running);
        }
        return adjusted;
    }

    /** Which tests are discoveries at false-discovery rate {@code alpha}. */
    public static boolean[] significant(double[] pValues, double alpha) {
        double[] q = adjust(pValues);
        boolean[] out = new boolean[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = q[i] <= alpha;
        }
        return out;
    }
}
