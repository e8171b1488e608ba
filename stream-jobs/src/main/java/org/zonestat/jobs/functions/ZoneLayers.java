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
import org.zonestat.geo.Zone;
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

    /** Cell side of the layers' grid index, meters. */
    static final double GRID_CELL_METERS = 32;

    /** The most layers events are tagged with: each adds a zone to every event. */
    public static final int MAX_LAYERS = 64;

    /** The longest layer id, the key of a tagged event's {@code zones}. */
    public static final int MAX_LAYER_ID_CHARS = 64;

    /** The longest zone name. */
    public static final int MAX_ZONE_NAME_CHARS = 200;

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
        ZoneCatalog catalog = ZoneCatalog.load(specs, ZoneLayers::locator);
        Map<String, Integer> versions = new LinkedHashMap<>();
        catalog.layerIds().forEach(id -> versions.put(id, 1));
        return new ZoneLayers(catalog, versions);
    }

    /**
     * These layers with one update applied: a new or replaced layer goes to the end (or keeps its
     * place), a removal drops it.
     *
     * <p>Every tagged event names its zone in each layer, so a layer added from the topic is held
     * to limits that keep events small: at most {@value #MAX_LAYERS} layers, a layer id of at most
     * {@value #MAX_LAYER_ID_CHARS} characters, zone names of at most {@value #MAX_ZONE_NAME_CHARS},
     * all well-formed Unicode.
     *
     * @throws GeoJsonZoneLayerReader.InvalidZoneLayerException if the update's GeoJSON is unusable
     * @throws IllegalArgumentException if the update breaks a limit
     */
    public ZoneLayers apply(ZoneLayerUpdate update) {
        Map<String, ZoneLocator> l = new LinkedHashMap<>();
        catalog.layerIds().forEach(id -> l.put(id, catalog.locator(id).orElseThrow()));
        Map<String, Integer> v = new LinkedHashMap<>(versions);
        if (update.isRemoval()) {
            l.remove(update.layerId());
            v.remove(update.layerId());
        } else {
            checkLayerId(update.layerId());
            if (!l.containsKey(update.layerId()) && l.size() >= MAX_LAYERS) {
                throw new IllegalArgumentException(
                        "there are already "
                                + MAX_LAYERS
                                + " layers, the most events are tagged with");
            }
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
            checkZoneNames(layer);
            l.put(update.layerId(), locator(layer));
            v.put(update.layerId(), update.version());
        }
        return new ZoneLayers(ZoneCatalog.of(List.copyOf(l.values())), v);
    }

    /**
     * A layer's grid locator, with {@link #GRID_CELL_METERS} cells: the same answers as the default
     * 8 m cells, built in about a third of the time (a job starts seconds sooner with a city's ten
     * layers), for a few more exact tests near boundaries.
     */
    static GridZoneLocator locator(ZoneLayer layer) {
        return new GridZoneLocator(layer, GRID_CELL_METERS);
    }

    private static void checkLayerId(String id) {
        if (id.isBlank() || id.length() > MAX_LAYER_ID_CHARS || Texts.hasUnpairedSurrogate(id)) {
            throw new IllegalArgumentException(
                    "a layer id must be 1 to "
                            + MAX_LAYER_ID_CHARS
                            + " characters of well-formed Unicode, was "
                            + id.length()
                            + " characters");
        }
    }

    private static void checkZoneNames(ZoneLayer layer) {
        for (Zone z : layer.zones()) {
            String name = z.name();
            if (name != null
                    && (name.length() > MAX_ZONE_NAME_CHARS || Texts.hasUnpairedSurrogate(name))) {
                throw new IllegalArgumentException(
                        "zone "
                                + z.index()
                                + "'s name must be at most "
                                + MAX_ZONE_NAME_CHARS
                                + " characters of well-formed Unicode, was "
                                + name.length()
                                + " characters: '"
                                + Texts.excerpt(name, FieldLimits.QUOTED_CHARS)
                                + "'");
            }
        }
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
}
