package org.zonestat.jobs.model;

import java.util.Objects;

/**
 * One message of the compacted {@code zones} topic: a zone layer added or replaced (with its
 * GeoJSON), or removed ({@code geojson == null}). Keyed by layer id on the topic.
 *
 * @param layerId the layer's id, the key in tagged events' {@code zones}
 * @param title a title for people
 * @param nameProperty the feature property that names zones
 * @param version the layer's version, named by every event tagged with it
 * @param geojson a GeoJSON FeatureCollection of polygons, or null to remove the layer
 * @param source the message as received (for a rejection if it cannot be used)
 */
public record ZoneLayerUpdate(
        String layerId,
        String title,
        String nameProperty,
        int version,
        String geojson,
        RawRecord source) {
    public ZoneLayerUpdate {
        Objects.requireNonNull(layerId, "layerId");
        Objects.requireNonNull(source, "source");
    }

    public boolean isRemoval() {
        return geojson == null;
    }
}
