package org.zonestat.console.scorecard;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.zonestat.console.HotCell;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLocator;
import org.zonestat.topics.HotspotCellMessage;
import org.zonestat.topics.HotspotsMessage;

/**
 * The Gi* hot-spot cells of the {@code hotspots} topic (its {@link HotspotCellMessage}s), by window
 * length and window end. A cell belongs to the zone its centre lies in, looked up in the layers as
 * they are when asked, so a layer uploaded later holds the cells that lie in it. Other message
 * types on the topic are ignored.
 *
 * <p>The job writes, for each closed window, every cell that is hot or cold and every cell whose
 * status changed; so the hot cells "as of" an instant are the {@code HOT} cells of the latest
 * window that ended by then. Thread-safe: all methods synchronize on the object.
 */
public final class HotCells {
    private final Supplier<ZoneCatalog> catalog;

    /** windowDays → windowEnd → cell → record. */
    private final Map<Integer, NavigableMap<Instant, Map<String, HotCell>>> windows =
            new HashMap<>();

    /**
     * @param catalog the layers as they are now
     */
    public HotCells(Supplier<ZoneCatalog> catalog) {
        this.catalog = catalog;
    }

    /** Keeps a hot-spot cell of the {@code hotspots} topic; the other types are ignored. */
    public void accept(HotspotsMessage message) {
        if (message instanceof HotspotCellMessage c) {
            accept(HotCell.of(c, catalog.get().tag(c.lon(), c.lat())));
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
        ZoneLocator locator = catalog.get().locator(layer).orElse(null);
        if (latest == null || locator == null) {
            return List.of();
        }
        return latest.getValue().values().stream()
                .filter(c -> "HOT".equalsIgnoreCase(c.status()))
                .filter(c -> zone.equals(locator.zoneName(c.lon(), c.lat())))
                .sorted(Comparator.comparing(HotCell::cell))
                .toList();
    }
}
