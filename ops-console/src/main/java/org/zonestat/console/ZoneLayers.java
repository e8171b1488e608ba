package org.zonestat.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.zonestat.geo.StrTreeZoneLocator;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;

/**
 * The console's zone layers as they are now: the configured catalog, changed by the messages of the
 * compacted {@code zones} topic (a layer added or replaced, or removed by a tombstone), as the
 * stream job changes its own. Configured layers are version 1 until the topic replaces them, as in
 * the job. Each change makes a new immutable {@link ZoneCatalog}; readers get whole catalogs, never
 * a half-applied change. A replaced layer keeps its place in the order; a new one goes last.
 *
 * <p>This is the console's one registry of layers: the map, the live subscriptions, the scorecard,
 * huddle, report, public scorecard, replay and site-visit plan all read it, so an uploaded or
 * edited layer reaches every view without a restart.
 *
 * <p>Thread-safe.
 */
public final class ZoneLayers implements Supplier<ZoneCatalog> {
    private volatile Served served;
    private final Map<String, Integer> versions = new HashMap<>();

    /**
     * The layers as served at one moment: the catalog and the version of each of its layers, taken
     * together (a version reserved by an upload in flight is not in it until its layer is).
     */
    public record Served(ZoneCatalog catalog, Map<String, Integer> versions) {
        public Served {
            versions = Map.copyOf(versions);
        }

        /** The version of a layer of {@link #catalog}; 0 if it has none. */
        public int version(String layerId) {
            return versions.getOrDefault(layerId, 0);
        }
    }

    public ZoneLayers(ZoneCatalog configured) {
        Objects.requireNonNull(configured, "configured");
        configured.layerIds().forEach(id -> versions.put(id, 1));
        this.served = new Served(configured, versions);
    }

    /** The catalog as it stands. */
    @Override
    public ZoneCatalog get() {
        return served.catalog();
    }

    /** The catalog as it stands, with the version of each of its layers. */
    public Served served() {
        return served;
    }

    /**
     * The layer's latest version, applied or reserved by an upload in flight (what the next upload
     * numbers itself after): 1 for a configured layer not yet replaced, 0 if unknown.
     */
    public synchronized int version(String layerId) {
        return versions.getOrDefault(layerId, 0);
    }

    /**
     * Adds or replaces {@code layer} (indexed with {@link StrTreeZoneLocator}) at {@code version}.
     */
    public synchronized void put(ZoneLayer layer, int version) {
        List<ZoneLocator> locators = new ArrayList<>();
        boolean replaced = false;
        for (String id : get().layerIds()) {
            if (id.equals(layer.id())) {
                locators.add(new StrTreeZoneLocator(layer));
                replaced = true;
            } else {
                locators.add(get().locator(id).orElseThrow());
            }
        }
        if (!replaced) {
            locators.add(new StrTreeZoneLocator(layer));
        }
        versions.put(layer.id(), version);
        Map<String, Integer> shown = new HashMap<>(served.versions());
        shown.put(layer.id(), version);
        served = new Served(ZoneCatalog.of(locators), shown);
    }

    /**
     * Records that {@code version} of the layer was published, before its message comes back from
     * the topic, so that the next upload numbers itself after it.
     */
    public synchronized void reserveVersion(String layerId, int version) {
        versions.merge(layerId, version, Math::max);
    }

    /**
     * The distinct zone names of a layer, in the layer's order (a name may cover several zones).
     */
    public static List<String> zoneNames(ZoneLayer layer) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Zone z : layer.zones()) {
            names.add(z.name());
        }
        return List.copyOf(names);
    }

    /** Removes the layer (a tombstone); unknown ids are ignored. */
    public synchronized void remove(String layerId) {
        List<ZoneLocator> locators = new ArrayList<>();
        for (String id : get().layerIds()) {
            if (!id.equals(layerId)) {
                locators.add(get().locator(id).orElseThrow());
            }
        }
        versions.remove(layerId);
        Map<String, Integer> shown = new HashMap<>(served.versions());
        shown.remove(layerId);
        served = new Served(ZoneCatalog.of(locators), shown);
    }
}
