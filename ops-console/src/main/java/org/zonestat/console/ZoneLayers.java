package org.zonestat.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.zonestat.geo.StrTreeZoneLocator;
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
 * <p>Thread-safe.
 */
public final class ZoneLayers implements Supplier<ZoneCatalog> {
    private volatile ZoneCatalog current;
    private final Map<String, Integer> versions = new HashMap<>();

    public ZoneLayers(ZoneCatalog configured) {
        this.current = Objects.requireNonNull(configured, "configured");
        configured.layerIds().forEach(id -> versions.put(id, 1));
    }

    /** The catalog as it stands. */
    @Override
    public ZoneCatalog get() {
        return current;
    }

    /** The layer's current version: 1 for a configured layer not yet replaced, 0 if unknown. */
    public synchronized int version(String layerId) {
        return versions.getOrDefault(layerId, 0);
    }

    /**
     * Adds or replaces {@code layer} (indexed with {@link StrTreeZoneLocator}) at {@code version}.
     */
    public synchronized void put(ZoneLayer layer, int version) {
        List<ZoneLocator> locators = new ArrayList<>();
        boolean replaced = false;
        for (String id : current.layerIds()) {
            if (id.equals(layer.id())) {
                locators.add(new StrTreeZoneLocator(layer));
                replaced = true;
            } else {
                locators.add(current.locator(id).orElseThrow());
            }
        }
        if (!replaced) {
            locators.add(new StrTreeZoneLocator(layer));
        }
        versions.put(layer.id(), version);
        current = ZoneCatalog.of(locators);
    }

    /**
     * Records that {@code version} of the layer was published, before its message comes back from
     * the topic, so that the next upload numbers itself after it.
     */
    public synchronized void reserveVersion(String layerId, int version) {
        versions.merge(layerId, version, Math::max);
    }

    /** Removes the layer (a tombstone); unknown ids are ignored. */
    public synchronized void remove(String layerId) {
        List<ZoneLocator> locators = new ArrayList<>();
        for (String id : current.layerIds()) {
            if (!id.equals(layerId)) {
                locators.add(current.locator(id).orElseThrow());
            }
        }
        versions.remove(layerId);
        current = ZoneCatalog.of(locators);
    }
}
