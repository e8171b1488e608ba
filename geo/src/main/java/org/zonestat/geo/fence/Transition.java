package org.zonestat.geo.fence;

import java.util.Objects;

/**
 * What a new position means for one fence, in the geofencing vocabulary of Tile38: a device that
 * was outside and is now inside {@link #ENTER}s, one that was inside and is now outside {@link
 * #EXIT}s, one that stays inside is {@link #INSIDE}, one that stays outside is {@link #OUTSIDE},
 * unless the straight track between its two fixes passed through the fence: that is a {@link
 * #CROSS}. A device's first fix enters the fences it is inside and is outside the others.
 */
public enum Transition {
    ENTER,
    EXIT,
    INSIDE,
    OUTSIDE,
    CROSS;

    /**
     * The transition of a device that moved from {@code previous} to {@code current}, for one
     * fence. A pure function: the same three arguments always give the same answer.
     *
     * @param previous the device's previous fix, or null for its first
     * @param current its new fix
     * @param fence the zone or cell
     */
    public static Transition of(LonLat previous, LonLat current, Fence fence) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(fence, "fence");
        boolean isInside = fence.contains(current);
        if (previous == null) {
            return isInside ? ENTER : OUTSIDE;
        }
        boolean wasInside = fence.contains(previous);
        if (wasInside) {
            return isInside ? INSIDE : EXIT;
        }
        if (isInside) {
            return ENTER;
        }
        return fence.crossedBy(previous, current) ? CROSS : OUTSIDE;
    }

    /** Whether the device is inside the fence after this transition. */
    public boolean endsInside() {
        return this == ENTER || this == INSIDE;
    }
}
