package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The overview of one window close of the hotspot analytics, on {@code hotspots} ({@code "type":
 * "hotspot-window"}): one per window length per local day, also when nothing is hot, so readers
 * know the map is current. Key: {@code <windowDays>d/summary}; record timestamp: {@code windowEnd}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param windowDays the window length in local days
 * @param windowStart the window's first instant
 * @param windowEnd the instant the window closed
 * @param studyAreaCells cells Gi* was computed over
 * @param activeCells cells of the study area with a non-zero value
 * @param value the sum of the values in the study area
 * @param outsideValue the sum of the values outside it
 * @param hotCells cells hot in this window
 * @param coldCells cells cold in this window
 * @param turnedHot cells that turned hot
 * @param cooled cells that stopped being hot
 */
public record HotspotWindowMessage(
        @JsonProperty(required = true) int windowDays,
        @JsonProperty(required = true) Instant windowStart,
        @JsonProperty(required = true) Instant windowEnd,
        int studyAreaCells,
        int activeCells,
        long value,
        long outsideValue,
        int hotCells,
        int coldCells,
        int turnedHot,
        int cooled)
        implements HotspotsMessage {

    public HotspotWindowMessage {
        Fields.require(windowStart, "windowStart");
        Fields.require(windowEnd, "windowEnd");
    }

    @Override
    public String key() {
        return windowDays + "d/summary";
    }

    @Override
    public Instant timestamp() {
        return windowEnd;
    }
}
