package org.zonestat.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One zone layer on the compacted {@code zones} topic, keyed by the layer id (lower-case letters,
 * digits, {@code -}); a null value (a tombstone) removes the layer. Written by planners' tools and
 * the console's upload, read by the job and the console.
 *
 * <p>Every field may be absent when read: {@link #titleOr} falls back to the layer id, {@code
 * nameProperty} to {@value #DEFAULT_NAME_PROPERTY}, {@code version} to 0; a missing {@code
 * featureCollection} is an empty object, which no layer reader accepts.
 *
 * <p>Immutable and thread-safe (the GeoJSON tree is never modified after construction).
 *
 * @param title a title for people, or null
 * @param nameProperty the feature property naming zones
 * @param version the layer's version; events name it in {@code layers} (never null: 0 when absent)
 * @param featureCollection a GeoJSON FeatureCollection of Polygon/MultiPolygon features
 */
public record ZoneLayerMessage(
        String title, String nameProperty, Integer version, JsonNode featureCollection)
        implements TopicMessage {

    /** The feature property that names zones when the message names none. */
    public static final String DEFAULT_NAME_PROPERTY = "name";

    public ZoneLayerMessage {
        if (version == null) {
            version = 0;
        }
        if (nameProperty == null) {
            nameProperty = DEFAULT_NAME_PROPERTY;
        }
        if (featureCollection == null || featureCollection.isMissingNode()) {
            featureCollection = JsonNodeFactory.instance.objectNode();
        }
    }

    /** The title, or {@code layerId} when the message has none. */
    public String titleOr(String layerId) {
        return title == null ? layerId : title;
    }
}
