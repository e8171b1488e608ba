package org.zonestat.console;

import java.util.Collection;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.zonestat.geo.ZoneLayer;

/**
 * The bounding box of zone layers as GeoJSON writes one ({@code bbox}, RFC 7946 §5): {@code [west,
 * south, east, north]} in degrees, rounded outwards to 6 decimals so the box still holds every
 * zone. The pages fit their maps to it.
 *
 * <p>Stateless and thread-safe.
 */
public final class LayerBounds {
    private static final double SCALE = 1e6;

    private LayerBounds() {}

    /** The box around every zone of the layers; null when there are none. */
    public static double[] of(Collection<ZoneLayer> layers) {
        Envelope all = new Envelope();
        layers.forEach(l -> all.expandToInclude(l.extent()));
        if (all.isNull()) {
            return null;
        }
        return new double[] {
            Math.floor(all.getMinX() * SCALE) / SCALE,
            Math.floor(all.getMinY() * SCALE) / SCALE,
            Math.ceil(all.getMaxX() * SCALE) / SCALE,
            Math.ceil(all.getMaxY() * SCALE) / SCALE
        };
    }

    /** The box around the layer's zones; null when it has none. */
    public static double[] of(ZoneLayer layer) {
        return of(List.of(layer));
    }
}
