package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * Distinct incidents by kind in one zone over one sliding window, on {@code hotspots} ({@code
 * "type": "zone-window-counts"}): written at each window close for every zone with an incident in
 * the window, and once more with zeros when a zone's window has just emptied. Key: {@code
 * <windowDays>d/<layer>/<zone>}; record timestamp: {@code windowEnd}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param windowDays the window length in local days
 * @param windowStart the window's first instant
 * @param windowEnd the instant the window closed
 * @param layer the zone layer id
 * @param zone the zone's name
 * @param homicides homicides
 * @param shootings non-fatal shootings
 * @param aggravatedAssaults aggravated assaults
 * @param robberies robberies
 * @param otherViolent other violent incidents
 * @param other other incidents
 */
@JsonPropertyOrder({
    "windowDays",
    "windowStart",
    "windowEnd",
    "layer",
    "zone",
    "homicides",
    "shootings",
    "gunViolence",
    "aggravatedAssaults",
    "robberies",
    "otherViolent",
    "other"
})
public record ZoneWindowCountsMessage(
        @JsonProperty(required = true) int windowDays,
        @JsonProperty(required = true) Instant windowStart,
        @JsonProperty(required = true) Instant windowEnd,
        @JsonProperty(required = true) String layer,
        @JsonProperty(required = true) String zone,
        long homicides,
        long shootings,
        long aggravatedAssaults,
        long robberies,
        long otherViolent,
        long other)
        implements HotspotsMessage {

    public ZoneWindowCountsMessage {
        if (windowDays < 1) {
            throw new IllegalArgumentException("windowDays must be >= 1, was " + windowDays);
        }
        Fields.require(windowStart, "windowStart");
        Fields.require(windowEnd, "windowEnd");
        Fields.requireText(layer, "layer");
        Fields.requireText(zone, "zone");
    }

    /** Homicides plus non-fatal shootings (written; ignored when read: it is derived). */
    @JsonProperty("gunViolence")
    public long gunViolence() {
        return homicides + shootings;
    }

    @Override
    public String key() {
        return windowDays + "d/" + layer + "/" + zone;
    }

    @Override
    public Instant timestamp() {
        return windowEnd;
    }
}
