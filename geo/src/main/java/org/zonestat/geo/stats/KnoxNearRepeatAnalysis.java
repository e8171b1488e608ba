package org.zonestat.geo.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.zonestat.geo.Distances;

/**
 * The Knox test for space-time clustering (E. G. Knox, "The detection of space-time interactions",
 * Applied Statistics 13, 1964), in the banded Monte Carlo form of the Near Repeat Calculator (J. H.
 * Ratcliffe, 2009; Johnson et al., "Space-time patterns of risk", J. Quant. Criminology 23, 2007):
 *
 * <ul>
 *   <li>every pair of events is put in one distance band (great-circle meters, {@link
 *       Distances#meters}) and one time band (absolute difference in days); bands are half-open
 *       {@code [edge_k-1, edge_k)} from 0 to the last edge, pairs beyond the last edge are not
 *       counted;
 *   <li>the observed count of pairs in each (distance, time) band is compared with counts after
 *       randomly permuting the event times among the events ({@code permutations} times, seeded),
 *       which keeps the spatial and the temporal pattern but breaks their link;
 *   <li>Knox ratio = observed / mean of the permuted counts; p = (1 + number of permutations with a
 *       count &ge; observed) / (1 + permutations), a one-sided test for excess close pairs.
 * </ul>
 *
 * A ratio well above 1 with a small p in the first bands means near repeats: events close in space
 * follow each other closely in time more often than chance. {@link Result#nearRepeatExtent} reads
 * the radius and window off the table.
 *
 * <p>Cost: O(n^2) distance computations once, then O(n^2) per permutation; a few thousand events
 * and 99-999 permutations take seconds. Immutable and thread-safe (each run makes its own random
 * generator from the seed).
 */
public final class KnoxNearRepeatAnalysis {
    private final double[] distanceEdges;
    private final double[] timeEdges;
    private final int permutations;
    private final long seed;

    /**
     * @param distanceEdgesMeters increasing upper edges of the distance bands, e.g. {100, 200, 400}
     * @param timeEdgesDays increasing upper edges of the time bands, e.g. {7, 14, 28}
     * @param permutations number of Monte Carlo permutations (e.g. 99 or 999)
     * @param seed seed of the permutations: same inputs and seed, same result
     */
    public KnoxNearRepeatAnalysis(
            double[] distanceEdgesMeters, double[] timeEdgesDays, int permutations, long seed) {
        this.distanceEdges = checkEdges(distanceEdgesMeters, "distance");
        this.timeEdges = checkEdges(timeEdgesDays, "time");
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be >= 1, was " + permutations);
        }
        this.permutations = permutations;
        this.seed = seed;
    }

    /**
     * The upper edges of the distance bands (meters) and time bands (days), as a command line or a
     * query writes them: {@code 100,200,400:7,14,28}.
     */
    public record Bands(double[] distanceEdges, double[] timeEdges) {
        /**
         * Reads {@code METERS:DAYS}, each a comma-separated increasing list of positive numbers.
         *
         * @throws IllegalArgumentException saying what is wrong
         */
        public static Bands parse(String text) {
            String[] parts = text.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("give METERS:DAYS, e.g. 100,200,400:7,14,28");
            }
            return new Bands(edges(parts[0], "distance"), edges(parts[1], "time"));
        }

        private static double[] edges(String list, String what) {
            double[] e;
            try {
                e =
                        Arrays.stream(list.split(","))
                                .mapToDouble(v -> Double.parseDouble(v.strip()))
                                .toArray();
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("the " + what + " band edges must be numbers");
            }
            checkEdges(e, what);
            return e;
        }
    }

    /** The test with these bands. */
    public KnoxNearRepeatAnalysis(Bands bands, int permutations, long seed) {
        this(bands.distanceEdges(), bands.timeEdges(), permutations, seed);
    }

    /** The table of one run. Arrays are indexed [distance band][time band]. */
    public record Result(
            double[] distanceEdges,
            double[] timeEdges,
            long[][] observed,
            double[][] expected,
            double[][] ratio,
            double[][] p,
            int permutations,
            long seed) {

        /**
         * The near-repeat extent: the upper edges of the largest distance band and the largest time
         * band such that every band pair from the origin up to them has a Knox ratio of at least
         * {@code minRatio} and p &le; {@code alpha}; {0, 0} when even the first band pair does not
         * qualify. Returns {meters, days}.
         */
        public double[] nearRepeatExtent(double alpha, double minRatio) {
            int ds = 0;
            int ts = 0;
            if (!qualifies(0, 0, alpha, minRatio)) {
                return new double[] {0, 0};
            }
            boolean grew = true;
            while (grew) {
                grew = false;
                if (ds + 1 < distanceEdges.length && rectangle(ds + 1, ts, alpha, minRatio)) {
                    ds++;
                    grew = true;
                }
                if (ts + 1 < timeEdges.length && rectangle(ds, ts + 1, alpha, minRatio)) {
                    ts++;
                    grew = true;
                }
            }
            return new double[] {distanceEdges[ds], timeEdges[ts]};
        }

        private boolean rectangle(int ds, int ts, double alpha, double minRatio) {
            for (int d = 0; d <= ds; d++) {
                for (int t = 0; t <= ts; t++) {
                    if (!qualifies(d, t, alpha, minRatio)) {
                        return false;
                    }
                }
            }
            return true;
        }

        private boolean qualifies(int d, int t, double alpha, double minRatio) {
            return ratio[d][t] >= minRatio && p[d][t] <= alpha;
        }
    }

    /**
     * Runs the test.
     *
     * @param lons longitudes of the events
     * @param lats latitudes of the events
     * @param days event times in days (any origin; fractions allowed)
     */
    public Result run(double[] lons, double[] lats, double[] days) {
        int n = lons.length;
        if (lats.length != n || days.length != n) {
            throw new IllegalArgumentException("lons, lats and days must have the same length");
        }
        int nd = distanceEdges.length;
        int nt = timeEdges.length;
        // Distance band of each pair, computed once: (i, j) with i < j, -1 when beyond the edges.
        int pairs = (int) Math.min(Integer.MAX_VALUE - 8, (long) n * (n - 1) / 2);
        if ((long) n * (n - 1) / 2 > pairs) {
            throw new IllegalArgumentException("too many events for the Knox test: " + n);
        }
        byte[] distanceBand = new byte[pairs];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, k++) {
                distanceBand[k] =
                        (byte)
                                band(
                                        distanceEdges,
                                        Distances.meters(lons[i], lats[i], lons[j], lats[j]));
            }
        }
        long[][] observed = count(distanceBand, days, identity(n), nd, nt);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] sum = new double[nd][nt];
        long[][] atLeast = new long[nd][nt];
        int[] order = identity(n);
        for (int r = 0; r < permutations; r++) {
            shuffle(order, random);
            long[][] simulated = count(distanceBand, days, order, nd, nt);
            for (int d = 0; d < nd; d++) {
                for (int t = 0; t < nt; t++) {
                    sum[d][t] += simulated[d][t];
                    atLeast[d][t] += simulated[d][t] >= observed[d][t] ? 1 : 0;
                }
            }
        }
        double[][] expected = new double[nd][nt];
        double[][] ratio = new double[nd][nt];
        double[][] p = new double[nd][nt];
        for (int d = 0; d < nd; d++) {
            for (int t = 0; t < nt; t++) {
                expected[d][t] = sum[d][t] / permutations;
                ratio[d][t] =
                        expected[d][t] == 0
                                ? (observed[d][t] == 0 ? 1 : Double.POSITIVE_INFINITY)
                                : observed[d][t] / expected[d][t];
                p[d][t] = (1.0 + atLeast[d][t]) / (1.0 + permutations);
            }
        }
        return new Result(
                distanceEdges.clone(),
                timeEdges.clone(),
                observed,
                expected,
                ratio,
                p,
                permutations,
                seed);
    }

    private long[][] count(byte[] distanceBand, double[] days, int[] order, int nd, int nt) {
        long[][] counts = new long[nd][nt];
        int n = days.length;
        int k = 0;
        for (int i = 0; i < n; i++) {
            double ti = days[order[i]];
            for (int j = i + 1; j < n; j++, k++) {
                int d = distanceBand[k];
                if (d < 0) {
                    continue;
                }
                int t = band(timeEdges, Math.abs(days[order[j]] - ti));
                if (t >= 0) {
                    counts[d][t]++;
                }
            }
        }
        return counts;
    }

    /** The band of {@code value} among half-open bands [0, e0), [e0, e1), ...; -1 beyond. */
    private static int band(double[] edges, double value) {
        int i = Arrays.binarySearch(edges, value);
        int b = i >= 0 ? i + 1 : -i - 1;
        return b < edges.length ? b : -1;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    private static double[] checkEdges(double[] edges, String what) {
        if (edges.length == 0 || edges.length > 127) {
            throw new IllegalArgumentException(
                    what + " bands: 1 to 127 edges needed, got " + edges.length);
        }
        double previous = 0;
        for (double e : edges) {
            if (!(e > previous)) {
                throw new IllegalArgumentException(
                        what
                                + " band edges must be positive and increasing: "
                                + Arrays.toString(edges));
            }
            previous = e;
        }
        return edges.clone();
    }
}
