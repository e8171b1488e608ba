package org.zonestat.geo.stats;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Getis-Ord Gi* hot-spot statistic over cells with binary weights (J. K. Ord and A. Getis,
 * "Local Spatial Autocorrelation Statistics", Geographical Analysis 27(4), 1995; as documented by
 * ESRI, "How Hot Spot Analysis (Getis-Ord Gi*) works"). For cell i among the n cells of the study
 * area, with values x and weights w_ij = 1 when j is a neighbor of i (i itself included):
 *
 * <pre>
 * Xbar = sum_j x_j / n        S = sqrt( sum_j x_j^2 / n - Xbar^2 )
 * Gi*  = ( sum_j w_ij x_j - Xbar sum_j w_ij ) / ( S sqrt( (n sum_j w_ij^2 - (sum_j w_ij)^2) / (n - 1) ) )
 * </pre>
 *
 * Gi* is a z-score; its two-sided p-value comes from {@link NormalDistribution} and the
 * Benjamini-Hochberg q-value from {@link BenjaminiHochberg} over the window's cells.
 *
 * <p>The study area is the set of cells passed in: cells with no events must be passed with a count
 * of 0 (see {@link H3StudyArea}), and neighbors outside it are ignored. When all values are equal
 * (S = 0) every cell gets z = 0 and p = 1.
 *
 * <p>Pure and thread-safe; no Flink types, so a window function can call it per window.
 */
public final class GetisOrdGiStar {
    private final CellNeighbors neighbors;

    public GetisOrdGiStar(CellNeighbors neighbors) {
        this.neighbors = Objects.requireNonNull(neighbors, "neighbors");
    }

    /** Gi* for every cell of {@code counts} (the study area), in the map's iteration order. */
    public Map<Long, GiStar> compute(Map<Long, ? extends Number> counts) {
        long[] cells = new long[counts.size()];
        double[] values = new double[counts.size()];
        int i = 0;
        for (Map.Entry<Long, ? extends Number> e : counts.entrySet()) {
            cells[i] = e.getKey();
            values[i] = e.getValue().doubleValue();
            i++;
        }
        GiStar[] results = compute(cells, values);
        Map<Long, GiStar> out = new LinkedHashMap<>();
        for (GiStar g : results) {
            out.put(g.cell(), g);
        }
        return out;
    }

    /** Gi* for parallel arrays of distinct cells and their values. */
    public GiStar[] compute(long[] cells, double[] values) {
        if (cells.length != values.length) {
            throw new IllegalArgumentException(
                    "cells and values differ in length: " + cells.length + " vs " + values.length);
        }
        int n = cells.length;
        Map<Long, Integer> position = new HashMap<>(n * 2);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            if (position.put(cells[i], i) != null) {
                throw new IllegalArgumentException(
                        "cell " + Long.toHexString(cells[i]) + " given twice");
            }
            sum += values[i];
            sumSq += values[i] * values[i];
        }
        double mean = n == 0 ? 0 : sum / n;
        double s = n == 0 ? 0 : Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        double[] z = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double weights = 0;
            double weighted = 0;
            for (long neighbor : neighbors.of(cells[i])) {
                Integer j = position.get(neighbor);
                if (j != null) {
                    weights += 1;
                    weighted += values[j];
                }
            }
            // Binary weights: sum of squares equals the sum.
            double spread = (n * weights - weights * weights) / (n - 1);
            if (s <= 1e-12 * Math.max(1, Math.abs(mean)) || n < 2 || spread <= 0) {
                z[i] = 0;
                p[i] = 1;
            } else {
                z[i] = (weighted - mean * weights) / (s * Math.sqrt(spread));
                p[i] = NormalDistribution.twoSidedP(z[i]);
            }
        }
        double[] q = BenjaminiHochberg.adjust(p);
        GiStar[] out = new GiStar[n];
        for (int i = 0; i < n; i++) {
            out[i] = new GiStar(cells[i], values[i], z[i], p[i], q[i]);
        }
        return out;
    }
}
