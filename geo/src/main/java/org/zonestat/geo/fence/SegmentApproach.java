package org.zonestat.geo.fence;

import org.zonestat.geo.Distances;

/**
 * How close a straight track segment passes to a point: the fraction along the segment of the
 * closest point and the distance in meters. Computed on the plane tangent at the point
 * (equirectangular: longitude scaled by the cosine of the latitude), which is within a fraction of
 * a percent of the sphere for the few kilometres between two fixes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fraction 0 at {@code a}, 1 at {@code b}
 * @param meters distance from the point to the closest point of the segment
 */
public record SegmentApproach(double fraction, double meters) {

    /** The closest approach of segment {@code a}–{@code b} to {@code p}. */
    public static SegmentApproach of(LonLat p, LonLat a, LonLat b) {
        double kx = Distances.METERS_PER_DEGREE * Math.cos(Math.toRadians(p.lat()));
        double ky = Distances.METERS_PER_DEGREE;
        double ax = (a.lon() - p.lon()) * kx;
        double ay = (a.lat() - p.lat()) * ky;
        double bx = (b.lon() - p.lon()) * kx;
        double by = (b.lat() - p.lat()) * ky;
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
        double cx = ax + t * dx;
        double cy = ay + t * dy;
        return new SegmentApproach(t, Math.sqrt(cx * cx + cy * cy));
    }
}
