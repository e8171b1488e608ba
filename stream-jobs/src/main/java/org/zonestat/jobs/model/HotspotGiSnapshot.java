package org.zonestat.jobs.model;

/**
 * The Gi* results of a whole study area at one window close, kept in keyed state for the emerging
 * hot-spot classification: position i of each array is the i-th cell of the study area in ascending
 * H3 index order. Floats halve the state; their precision is ample for z, p and q. Not a stream
 * element; equality is by identity (arrays).
 *
 * @param windowEnd the window close, epoch millis
 * @param studyArea a fingerprint of the study area's cells, so a snapshot taken with another study
 *     area (after a configuration change and restore) is recognised and ignored
 * @param z the z-scores
 * @param p the p-values
 * @param q the Benjamini-Hochberg q-values
 */
public record HotspotGiSnapshot(long windowEnd, long studyArea, float[] z, float[] p, float[] q) {
    public HotspotGiSnapshot {
        if (z == null || p == null || q == null || z.length != p.length || z.length != q.length) {
            throw new IllegalArgumentException("z, p and q must be present and of equal length");
        }
    }
}
