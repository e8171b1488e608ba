package org.zonestat.console.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLocator;

/**
 * The Gi* hot-spot cells of the {@code hotspots} topic ({@code "type": "hotspot-cell"} records), by
 * window length and window end. A cell belongs to the zone its centre lies in, looked up in the
 * layers as they are when asked, so a layer uploaded later holds the cells that lie in it. Other
 * record types on the topic are ignored.
 *
 * <p>The job writes, for each closed window, every cell that is hot or cold and every cell whose
 * status changed; so the hot cells "as of" an instant are the {@code HOT} cells of the latest
 * window that ended by then. Thread-safe: all methods synchronize on the object.
 */
public final class HotCells {
    private final ObjectMapper mapper = new ObjectMapper();
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

    /**
     * One cell in one window.
     *
     * @param cell H3 cell address
     * @param lon centre longitude
     * @param lat centre latitude
     * @param windowDays window length in days
     * @param windowEnd end of the window
     * @param status {@code HOT}, {@code COLD} or {@code NONE}
     * @param change how its status changed from the previous window, e.g. {@code TURNED_HOT}
     * @param category emerging hot-spot category, e.g. {@code NEW_HOT_SPOT}
     * @param zones layer id → zone name of the centre, in the layers of the time it was read
     */
    public record HotCell(
            String cell,
            double lon,
            double lat,
            int windowDays,
            Instant windowEnd,
            String status,
            String change,
            String category,
            Map<String, String> zones) {
        public boolean isHot() {
            return "HOT".equalsIgnoreCase(status);
        }

        public boolean turnedHot() {
            return "TURNED_HOT".equalsIgnoreCase(change);
        }
    }

    /** Reads one {@code hotspots} record; anything but a readable hot-spot cell is ignored. */
    public void acceptRecord(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        JsonNode n;
        try {
            n = mapper.readTree(record.value());
        } catch (IOException e) {
            return;
        }
        if (!"hotspot-cell".equals(n.path("type").asText()) || !n.hasNonNull("cell")) {
            return;
        }
        double lon = n.path("lon").asDouble();
        double lat = n.path("lat").asDouble();
        accept(
                new HotCell(
                        n.get("cell").asText(),
                        lon,
                        lat,
                        n.path("windowDays").asInt(),
                        Instant.parse(n.path("windowEnd").asText()),
                        n.path("status").asText(),
                        n.path("change").asText(null),
                        n.path("category").asText(null),
                        catalog.get().tag(lon, lat)));
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
                .filter(HotCell::isHot)
                .filter(c -> zone.equals(locator.zoneName(c.lon(), c.lat())))
                .sorted(java.util.Comparator.comparing(HotCell::cell))
                .toList();
    }
}
