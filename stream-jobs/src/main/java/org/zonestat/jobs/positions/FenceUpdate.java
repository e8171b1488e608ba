package org.zonestat.jobs.positions;

import org.zonestat.jobs.model.ZoneLayerUpdate;

/**
 * A change to the fences the tracker checks, broadcast to every instance: a zone layer added,
 * replaced or removed on the {@code zones} topic, or a hot cell that is (or is no longer) hot as
 * the job's own hotspot windows found. Exactly one of {@code layer} and {@code cell} is set.
 *
 * @param layer a zone layer update, or null
 * @param cell an H3 cell, or null
 * @param hot whether the cell is hot in its latest window
 * @param windowEnd the end of that window (epoch ms): an older window never overrides a newer one
 */
public record FenceUpdate(ZoneLayerUpdate layer, String cell, boolean hot, long windowEnd) {
    public FenceUpdate {
        if ((layer == null) == (cell == null)) {
            throw new IllegalArgumentException("a fence update is a layer or a cell, not both");
        }
    }

    public static FenceUpdate of(ZoneLayerUpdate layer) {
        return new FenceUpdate(layer, null, false, 0);
    }

    public static FenceUpdate cell(String cell, boolean hot, long windowEnd) {
        return new FenceUpdate(null, cell, hot, windowEnd);
    }
}
