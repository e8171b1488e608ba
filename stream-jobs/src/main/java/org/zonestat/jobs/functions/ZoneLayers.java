package org.zonestat.jobs.functions;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.GridZoneLocator;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.geo.ZoneLocator;
import org.zonestat.jobs.model.ZoneLayerUpdate;

/**
 * The zone layers in force, each with its locator and version: the configured layers (version 1)
 * overlaid with updates from the {@code zones} topic. Lookups use the geo module's grid fast path
 * ({@link GridZoneLocator}: cells wholly inside one zone answered from an array, exact tests only
 * near boundaries), which answers exactly as the STRtree locator does. Applying an update returns a
 * new object; instances are immutable and thread-safe.
 */
public final class ZoneLayers {
    /**
     * The configured layers, built once per JVM: building the grid locators of a city's layers
     * takes seconds of CPU, and the parallel instances of a task manager (and the jobs of a test
     * run) share the same immutable result.
     */
    private static final Map<List<ZoneLayerSpec>, ZoneLayers> INITIAL = new ConcurrentHashMap<>();

    private final ZoneCatalog catalog;
    private final Map<String, Integer> versions;

    private ZoneLayers(ZoneCatalog catalog, Map<String, Integer> versions) {
        this.catalog = catalog;
        this.versions = Collections.unmodifiableMap(versions);
    }

    /** The configured layers, each at version 1. */
    public static ZoneLayers initial(List<ZoneLayerSpec> specs) {
        return INITIAL.computeIfAbsent(List.copyOf(specs), ZoneLayers::build);
    }

    private static ZoneLayers build(List<ZoneLayerSpec> specs) {
        ZoneCatalog catalog = ZoneCatalog.load(specs, GridZoneLocator::new);
        Map<String, Integer> versions = new LinkedHashMap<>();
        catalog.layerIds().forEach(id -> versions.put(id, 1));
        return new ZoneLayers(catalog, versions);
    }

    /**
     * These layers with one update applied: a new or replaced layer goes to the end (or keeps its
     * place), a removal drops it.
     *
     * @throws GeoJsonZoneLayerReader.InvalidZoneLayerException if the update's GeoJSON is unusable
     */
    public ZoneLayers apply(ZoneLayerUpdate update) {
        Map<String, ZoneLocator> l = new LinkedHashMap<>();
        catalog.layerIds().forEach(id -> l.put(id, catalog.locator(id).orElseThrow()));
        Map<String, Integer> v = new LinkedHashMap<>(versions);
        if (update.isRemoval()) {
            l.remove(update.layerId());
            v.remove(update.layerId());
        } else {
            ZoneLayer layer =
                    new GeoJsonZoneLayerReader()
                            .read(
                                    update.layerId(),
                                    update.title() == null ? update.layerId() : update.title(),
                                    new ByteArrayInputStream(
                                            update.geojson().getBytes(StandardCharsets.UTF_8)),
                                    update.nameProperty() == null ? "name" : update.nameProperty(),
                                    "zones topic, layer '"
                                            + update.layerId()
                                            + "' version "
                                            + update.version());
            l.put(update.layerId(), new GridZoneLocator(layer));
            v.put(update.layerId(), update.version());
        }
        return new ZoneLayers(ZoneCatalog.of(List.copyOf(l.values())), v);
    }

    /** Layer id to zone name for every layer the point lies in, in layer order. */
    public Map<String, String> tag(double lon, double lat) {
        return catalog.tag(lon, lat);
    }

    public Map<String, Integer> versions() {
        return versions;
    }

    public List<String> layerIds() {
        return catalog.layerIds();
    }

    /** The layers with their locators, in layer order. */
    public ZoneCatalog catalog() {
        return catalog;
    }
}
