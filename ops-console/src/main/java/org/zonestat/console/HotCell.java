package org.zonestat.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One H3 cell's hot-spot result for one window, from the {@code hotspots} topic ({@code "type":
 * "hotspot-cell"}), with the zones of the cell centre added by the console (the topic carries
 * none).
 *
 * <p>Immutable and thread-safe.
 *
 * @param windowDays the window length
 * @param windowStart window start
 * @param windowEnd window end
 * @param cell H3 address
 * @param lon cell centre longitude
 * @param lat cell centre latitude
 * @param homicides homicides in the window
 * @param shootings shootings in the window
 * @param otherIncidents other incidents in the window
 * @param z Getis-Ord Gi* z score
 * @param status {@code HOT}, {@code COLD} or {@code NONE}
 * @param category emerging hot-spot class, e.g. {@code NEW_HOT_SPOT}
 * @param previousCategory the class in the previous window
 * @param change e.g. {@code TURNED_HOT}, {@code STAYS_HOT}, {@code COOLED}
 * @param zones layer id to zone name of the cell centre
 */
public record HotCell(
        @JsonProperty(value = "windowDays", required = true) int windowDays,
        @JsonProperty("windowStart") Instant windowStart,
        @JsonProperty(value = "windowEnd", required = true) Instant windowEnd,
        @JsonProperty(value = "cell", required = true) String cell,
        @JsonProperty(value = "lon", required = true) double lon,
        @JsonProperty(value = "lat", required = true) double lat,
        @JsonProperty("homicides") int homicides,
        @JsonProperty("shootings") int shootings,
        @JsonProperty("otherIncidents") int otherIncidents,
        @JsonProperty("z") double z,
        @JsonProperty("status") String status,
        @JsonProperty("category") String category,
        @JsonProperty("previousCategory") String previousCategory,
        @JsonProperty("change") String change,
        @JsonProperty("zones") Map<String, String> zones)
        implements LiveItem {

    public static final String TURNED_HOT = "TURNED_HOT";

    public HotCell {
        LiveRecords.requireText(cell, "cell");
        LiveRecords.require(windowEnd, "windowEnd");
        LiveRecords.requireLonLat(lon, lat);
        zones = LiveRecords.zones(zones);
    }

    /** The same cell with the zones of its centre. */
    public HotCell withZones(Map<String, String> cellZones) {
        return new HotCell(
                windowDays,
                windowStart,
                windowEnd,
                cell,
                lon,
                lat,
                homicides,
                shootings,
                otherIncidents,
                z,
                status,
                category,
                previousCategory,
                change,
                cellZones);
    }

    /** {@code <windowDays>d/<cell>}: one current state per key. */
    public String key() {
        return windowDays + "d/" + cell;
    }

    @Override
    public String itemId() {
        return key() + "@" + windowEnd;
    }

    @Override
    public String messageType() {
        return "cell";
    }

    @Override
    public String kindForFilter() {
        return null;
    }

    @Override
    public boolean revealsTip() {
        return false;
    }

    /** Whether the map shows the cell: hot, cold, or with an emerging class other than none. */
    public boolean worthShowing() {
        return "HOT".equalsIgnoreCase(status)
                || "COLD".equalsIgnoreCase(status)
                || (category != null && !category.equals("NO_PATTERN"));
    }
}
