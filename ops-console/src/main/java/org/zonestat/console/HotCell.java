package org.zonestat.console;

import java.time.Instant;
import java.util.Map;
import org.zonestat.topics.HotspotCellMessage;

/**
 * One H3 cell's hot-spot result for one window as the console shows it and pushes it to WebSocket
 * clients, from the {@code hotspots} topic ({@link HotspotCellMessage}, checked when read), with
 * the zones of the cell centre added by the console (the topic carries none).
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
        int windowDays,
        Instant windowStart,
        Instant windowEnd,
        String cell,
        double lon,
        double lat,
        int homicides,
        int shootings,
        int otherIncidents,
        double z,
        String status,
        String category,
        String previousCategory,
        String change,
        Map<String, String> zones)
        implements LiveItem {

    public static final String TURNED_HOT = HotspotCellMessage.TURNED_HOT;

    public HotCell {
        zones = LiveRecords.zones(zones);
    }

    /** The cell of a {@code hotspots} message, in {@code zones} (those of its centre). */
    public static HotCell of(HotspotCellMessage m, Map<String, String> zones) {
        return new HotCell(
                m.windowDays(),
                m.windowStart(),
                m.windowEnd(),
                m.cell(),
                m.lon(),
                m.lat(),
                (int) m.homicides(),
                (int) m.shootings(),
                (int) m.otherIncidents(),
                m.z(),
                m.status(),
                m.category(),
                m.previousCategory(),
                m.change(),
                zones);
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
