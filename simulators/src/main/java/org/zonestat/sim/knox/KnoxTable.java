package org.zonestat.sim.knox;

import java.util.Locale;
import org.zonestat.geo.stats.KnoxNearRepeatAnalysis;

/**
 * The Knox test's result as the {@code knox} command prints it: one row per distance band × time
 * band (observed pairs, expected pairs, Knox ratio, p-value), a marker on the bands significant at
 * {@code alpha} with a ratio above 1, and the near-repeat extent read off the table.
 *
 * <p>Stateless; thread-safe.
 */
public final class KnoxTable {
    private KnoxTable() {}

    /** The table as text, one line per band pair, then the extent. */
    public static String format(KnoxNearRepeatAnalysis.Result r, double alpha) {
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "%-14s %-12s %10s %12s %7s %7s%n",
                        "distance (m)",
                        "time (days)",
                        "observed",
                        "expected",
                        "ratio",
                        "p"));
        for (int d = 0; d < r.distanceEdges().length; d++) {
            for (int t = 0; t < r.timeEdges().length; t++) {
                boolean significant = r.p()[d][t] <= alpha && r.ratio()[d][t] > 1;
                s.append(
                        String.format(
                                Locale.ROOT,
                                "%-14s %-12s %,10d %,12.1f %7.2f %7.3f%s%n",
                                band(r.distanceEdges(), d),
                                band(r.timeEdges(), t),
                                r.observed()[d][t],
                                r.expected()[d][t],
                                r.ratio()[d][t],
                                r.p()[d][t],
                                significant ? " *" : ""));
            }
        }
        double[] extent = r.nearRepeatExtent(alpha, 1.0);
        s.append(
                extent[0] == 0
                        ? String.format(
                                Locale.ROOT,
                                "* p <= %s and ratio > 1. No near-repeat pattern in the first bands.%n",
                                alpha)
                        : String.format(
                                Locale.ROOT,
                                "* p <= %s and ratio > 1. Near repeats up to %s m and %s days: a"
                                        + " near-repeat radius and window no larger than these.%n",
                                alpha,
                                number(extent[0]),
                                number(extent[1])));
        return s.toString();
    }

    private static String band(double[] edges, int i) {
        return number(i == 0 ? 0 : edges[i - 1]) + "-" + number(edges[i]);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
