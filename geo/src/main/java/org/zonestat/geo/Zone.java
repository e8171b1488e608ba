package org.zonestat.geo;

import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One polygonal zone of a {@link ZoneLayer}: its position in the layer, its display name, its
 * (valid) geometry in WGS84 lon/lat and the feature's other properties as strings.
 *
 * <p>Immutable and thread-safe as long as callers do not mutate the geometry.
 */
public record Zone(int index, String name, Geometry geometry, Map<String, String> properties) {
    public Zone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(geometry, "geometry");
        properties = Map.copyOf(properties);
        if (index < 0) {
            throw new IllegalArgumentException("zone index must be >= 0, was " + index);
        }
    }
}
