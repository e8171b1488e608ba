package org.zonestat.geo.fence;

/**
 * An area a moving device can be inside of: a zone of a layer, a hot cell. What {@link Transition}
 * asks of it.
 *
 * <p>Contract: {@link #contains} decides inside or outside for a point (boundary rules are the
 * implementation's and must be the same every time); {@link #crossedBy} says whether the straight
 * segment between two points goes into the area (its interior: running along or ending on its edge
 * is not enough). Implementations are immutable and thread-safe.
 */
public interface Fence {
    /** Whether the point is inside. */
    boolean contains(LonLat p);

    /** Whether the segment from {@code a} to {@code b} (lon/lat straight line) enters the area. */
    boolean crossedBy(LonLat a, LonLat b);
}
