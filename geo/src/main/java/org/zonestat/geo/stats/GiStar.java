package org.zonestat.geo.stats;

/**
 * The Getis-Ord Gi* result of one cell in one window.
 *
 * @param cell the cell (an H3 index, or any id the neighbors function knows)
 * @param value the cell's count
 * @param z the Gi* statistic, a z-score: positive for clustering of high values (hot), negative for
 *     low values (cold)
 * @param p two-sided p-value of z under the normal approximation
 * @param q Benjamini-Hochberg adjusted p-value over all cells of the window
 */
public record GiStar(long cell, double value, double z, double p, double q) {
    /** Hot spot: z &gt; 0 and significant at {@code alpha} (on q if {@code fdr}, else on p). */
    public boolean isHot(double alpha, boolean fdr) {
        return z > 0 && (fdr ? q : p) < alpha;
    }

    /** Cold spot: z &lt; 0 and significant at {@code alpha} (on q if {@code fdr}, else on p). */
    public boolean isCold(double alpha, boolean fdr) {
        return z < 0 && (fdr ? q : p) < alpha;
    }

    /**
     * ESRI's confidence bin: +3/+2/+1 for hot spots at 99/95/90% confidence, the negatives for cold
     * spots, 0 otherwise; on q if {@code fdr}, else on p.
     */
    public int confidenceBin(boolean fdr) {
        double sig = fdr ? q : p;
        int level = sig < 0.01 ? 3 : sig < 0.05 ? 2 : sig < 0.10 ? 1 : 0;
        return z > 0 ? level : z < 0 ? -level : 0;
    }
}
