package org.zonestat.geo.fence;

/**
 * An area a moving device can be inside of: a zone of a layer, a hot cell. What {@link Transition}
 * asks of it.
 *
 * <p>Contract: {@link #contains} decides inside or outside for a point (boundary rules are the
 * implementation's and must be the same every time); {@link #crossedBy} says whether the straight
 * segment between two points touches the area. Implementations are immutable and thread-safe.
 */
public interface Fence {
    /** Whether the point is inside. */
    boolean contains(LonLat p);

    /** Whether the segment from {@code a} to {@code b} (lon/lat straight line) touches the area. */
    boolean crossedBy(LonLat a, LonLat b);
}
