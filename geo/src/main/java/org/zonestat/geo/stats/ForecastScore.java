package org.zonestat.geo.stats;

import java.util.Set;

/**
 * How well a set of flagged cells (a hot-spot forecast) caught later events:
 *
 * <pre>
 * hit rate = hits / events
 * area share = flagged area / study area
 * PAI = hit rate / area share   (predictive accuracy index; Chainey, Tompson and Uhlig,
 *       "The Utility of Hotspot Mapping for Predicting Spatial Patterns of Crime", Security
 *       Journal 21, 2008)
 * </pre>
 *
 * A PAI of 1 is what flagging cells at random achieves; higher is better.
 *
 * @param events number of later events scored
 * @param hits events that fell in a flagged cell
 * @param flaggedArea area flagged (cells, or km^2: any unit shared with {@code studyArea})
 * @param studyArea area of the whole study area, same unit
 */
public record ForecastScore(long events, long hits, double flaggedArea, double studyArea) {
    public ForecastScore {
        if (events < 0 || hits < 0 || hits > events) {
            throw new IllegalArgumentException(
                    "need 0 <= hits <= events, got " + hits + " of " + events);
        }
        if (!(studyArea > 0) || flaggedArea < 0 || flaggedArea > studyArea) {
            throw new IllegalArgumentException(
                    "need 0 <= flagged area <= study area > 0, got "
                            + flaggedArea
                            + " of "
                            + studyArea);
        }
    }

    /**
     * Scores flagged cells against the cells of later events, with cells of equal area (H3 cells at
     * one resolution are within a few percent of each other in a city).
     *
     * @param flagged the forecast's cells
     * @param eventCells the cell of each later event (repeats count once per event)
     * @param studyAreaCells number of cells in the study area
     */
    public static ForecastScore ofCells(Set<Long> flagged, long[] eventCells, int studyAreaCells) {
        long hits = 0;
        for (long cell : eventCells) {
            hits += flagged.contains(cell) ? 1 : 0;
        }
        return new ForecastScore(eventCells.length, hits, flagged.size(), studyAreaCells);
    }

    /** hits / events, or 0 with no events. */
    public double hitRate() {
        return events == 0 ? 0 : (double) hits / events;
    }

    /** flagged area / study area. */
    public double areaShare() {
        return flaggedArea / studyArea;
    }

    /** Predictive accuracy index; NaN when nothing is flagged. */
    public double pai() {
        return flaggedArea == 0 ? Double.NaN : hitRate() / areaShare();
    }
}
