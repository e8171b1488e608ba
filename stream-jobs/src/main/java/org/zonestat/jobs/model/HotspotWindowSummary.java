package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The overview of one window close of the hotspot analytics ({@code hotspots} topic, {@code "type":
 * "hotspot-window"}): one per window length per local day, also when nothing is hot, so the console
 * knows the map is current.
 *
 * @param windowDays the window length in local days
 * @param windowStart the window's first instant
 * @param windowEnd the instant the window closed
 * @param studyAreaCells cells Gi* was computed over (the study area, zero-filled)
 * @param activeCells cells of the study area with a non-zero value
 * @param value the sum of the values (e.g. shootings + homicides) in the study area
 * @param outsideValue the sum of values in cells outside the study area (not in Gi*)
 * @param hotCells cells hot in this window
 * @param coldCells cells cold in this window
 * @param turnedHot cells that turned hot
 * @param cooled cells that stopped being hot
 */
public record HotspotWindowSummary(
        int windowDays,
        Instant windowStart,
        Instant windowEnd,
        int studyAreaCells,
        int activeCells,
        long value,
        long outsideValue,
        int hotCells,
        int coldCells,
        int turnedHot,
        int cooled) {
    public HotspotWindowSummary {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
    }

    /** The topic key: {@code <windowDays>d/summary}. */
    public String key() {
        return windowDays + "d/summary";
    }
}
