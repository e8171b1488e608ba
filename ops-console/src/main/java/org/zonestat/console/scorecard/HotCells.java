package org.zonestat.console.scorecard;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.zonestat.console.HotCell;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.topics.HotspotCellMessage;
import org.zonestat.topics.HotspotsMessage;

/**
 * The Gi* hot-spot cells of the {@code hotspots} topic (its {@link HotspotCellMessage}s), by window
 * length and window end, each placed in its zones by its centre. Other message types on the topic
 * are ignored.
 *
 * <p>The job writes, for each closed window, every cell that is hot or cold and every cell whose
 * status changed; so the hot cells "as of" an instant are the {@code HOT} cells of the latest
 * window that ended by then. Thread-safe: all methods synchronize on the object.
 */
public final class HotCells {
    private final ZoneCatalog catalog;

    /** windowDays → windowEnd → cell → record. */
    private final Map<Integer, NavigableMap<Instant, Map<String, HotCell>>> windows =
            new HashMap<>();

    public HotCells(ZoneCatalog catalog) {
        this.catalog = catalog;
    }

    /** Keeps a hot-spot cell of the {@code hotspots} topic; the other types are ignored. */
    public void accept(HotspotsMessage message) {
        if (message instanceof HotspotCellMessage c) {
            accept(HotCell.of(c, catalog.tag(c.lon(), c.lat())));
        }
    }

    public synchronized void accept(HotCell c) {
        windows.computeIfAbsent(c.windowDays(), d -> new TreeMap<>())
                .computeIfAbsent(c.windowEnd(), e -> new HashMap<>())
                .put(c.cell(), c);
    }

    /**
     * The hot cells of the zone in the latest {@code windowDays} window that ended by {@code asOf},
     * ordered by cell id.
     */
    public synchronized List<HotCell> hot(String layer, String zone, int windowDays, Instant asOf) {
        NavigableMap<Instant, Map<String, HotCell>> byEnd = windows.get(windowDays);
        if (byEnd == null) {
            return List.of();
        }
        Map.Entry<Instant, Map<String, HotCell>> latest = byEnd.floorEntry(asOf);
        if (latest == null) {
            return List.of();
        }
        return latest.getValue().values().stream()
                .filter(c -> "HOT".equalsIgnoreCase(c.status()))
                .filter(c -> zone.equals(c.zones().get(layer)))
                .sorted(Comparator.comparing(HotCell::cell))
                .toList();
    }
}
