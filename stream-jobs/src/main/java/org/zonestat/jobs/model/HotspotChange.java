package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One H3 cell's Getis-Ord Gi* result at one window close, for the {@code hotspots} topic ({@code
 * "type": "hotspot-cell"}). Emitted for every cell that is hot or cold in the window and for every
 * cell whose status or emerging hot-spot category changed since the previous window (see {@link
 * HotspotChangeType}); a consumer that keeps, per window length, the cells of the latest window end
 * has the current map.
 *
 * @param windowDays the window length in local days
 * @param windowStart the window's first instant (a local midnight)
 * @param windowEnd the instant the window closed (a local midnight)
 * @param cell the H3 cell address
 * @param lon the cell centre's longitude
 * @param lat the cell centre's latitude
 * @param homicides homicides in the cell in the window
 * @param shootings non-fatal shootings in the cell in the window
 * @param otherIncidents all other incidents in the cell in the window
 * @param value the count Gi* was computed on (by default homicides + shootings)
 * @param z the Gi* z-score
 * @param p its two-sided p-value
 * @param q its Benjamini-Hochberg q-value over the study area's cells in this window
 * @param status {@code HOT}, {@code COLD} or {@code NONE} at the configured significance
 * @param category the emerging hot-spot category (an {@code EmergingHotSpotCategory} name) of the
 *     cell's last k windows
 * @param previousCategory the category at the previous window close
 * @param change how the status moved
 */
public record HotspotChange(
        int windowDays,
        Instant windowStart,
        Instant windowEnd,
        String cell,
        double lon,
        double lat,
        long homicides,
        long shootings,
        long otherIncidents,
        long value,
        double z,
        double p,
        double q,
        String status,
        String category,
        String previousCategory,
        HotspotChangeType change) {
    public HotspotChange {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(previousCategory, "previousCategory");
        Objects.requireNonNull(change, "change");
    }

    /**
     * The topic key: {@code <windowDays>d/<cell>}, one compacted entry per window length and cell.
     */
    public String key() {
        return windowDays + "d/" + cell;
    }
}
