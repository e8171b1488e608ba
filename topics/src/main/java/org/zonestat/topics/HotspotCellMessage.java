package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One H3 cell's Getis-Ord Gi* result at one window close, on {@code hotspots} ({@code "type":
 * "hotspot-cell"}): written for every cell hot or cold in the window and every cell whose status or
 * emerging class changed, so the cells of the latest window end are the current map. Key: {@code
 * <windowDays>d/<cell>}; record timestamp: {@code windowEnd}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param windowDays the window length in local days
 * @param windowStart the window's first instant (a local midnight)
 * @param windowEnd the instant the window closed
 * @param cell the H3 cell address
 * @param lon the cell centre's longitude
 * @param lat the cell centre's latitude
 * @param homicides homicides in the cell in the window
 * @param shootings non-fatal shootings
 * @param otherIncidents all other incidents
 * @param value the count Gi* was computed on (homicides + shootings by default)
 * @param z the Gi* z-score (4 decimals)
 * @param p its two-sided p-value (6 decimals, or as it is under 1e-6)
 * @param q its Benjamini-Hochberg q-value (likewise)
 * @param status {@code HOT}, {@code COLD} or {@code NONE}
 * @param category the emerging hot-spot class, e.g. {@code NEW_HOT_SPOT}
 * @param previousCategory the class at the previous window close
 * @param change {@code TURNED_HOT}, {@code STAYS_HOT}, {@code COOLED}, {@code TURNED_COLD}, {@code
 *     STAYS_COLD}, {@code WARMED} or {@code RECLASSIFIED}
 */
public record HotspotCellMessage(
        @JsonProperty(required = true) int windowDays,
        Instant windowStart,
        @JsonProperty(required = true) Instant windowEnd,
        @JsonProperty(required = true) String cell,
        @JsonProperty(required = true) double lon,
        @JsonProperty(required = true) double lat,
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
        String change)
        implements HotspotsMessage {

    /** The {@code change} of a cell that was not hot in the previous window and is now. */
    public static final String TURNED_HOT = "TURNED_HOT";

    public HotspotCellMessage {
        Fields.require(windowEnd, "windowEnd");
        Fields.requireText(cell, "cell");
        Fields.requireLonLat(lon, lat);
    }

    @Override
    public String key() {
        return windowDays + "d/" + cell;
    }

    @Override
    public Instant timestamp() {
        return windowEnd;
    }
}
