package org.zonestat.geo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The zone layers a ZoneStat deployment tags events with, each with its {@link ZoneLocator}. Layers
 * keep the order they were given in. Which layers a city has is its profile's business (the {@code
 * city} module); {@link #load} reads any list of {@link ZoneLayerSpec}s, for example with {@code
 * GridZoneLocator::new} for hot paths (about a second to build per large layer, then tens of
 * millions of lookups per second; same answers as the default).
 *
 * <p>Immutable and thread-safe once built; loading a new set of layers makes a new catalog.
 */
public final class ZoneCatalog {
    private final Map<String, ZoneLocator> locators;

    private ZoneCatalog(Map<String, ZoneLocator> locators) {
        this.locators = Collections.unmodifiableMap(locators);
    }

    /**
     * A catalog of layers already indexed, in the given order (keyed by each locator's layer id).
     *
     * @throws IllegalArgumentException if two locators answer for the same layer id
     */
    public static ZoneCatalog of(List<ZoneLocator> locators) {
        Map<String, ZoneLocator> byId = new LinkedHashMap<>();
        for (ZoneLocator locator : locators) {
            if (byId.put(locator.layer().id(), locator) != null) {
                throw new IllegalArgumentException(
                        "layer id '" + locator.layer().id() + "' given twice");
            }
        }
        return new ZoneCatalog(byId);
    }

    /** Loads the given layers and indexes each with {@link StrTreeZoneLocator}. */
    public static ZoneCatalog load(List<ZoneLayerSpec> specs) {
        return load(specs, StrTreeZoneLocator::new);
    }

    /** Loads the given layers and indexes each with the given strategy. */
    public static ZoneCatalog load(
            List<ZoneLayerSpec> specs, Function<ZoneLayer, ZoneLocator> strategy) {
        GeoJsonZoneLayerReader reader = new GeoJsonZoneLayerReader();
        Map<String, ZoneLocator> locators = new LinkedHashMap<>();
        for (ZoneLayerSpec spec : specs) {
            if (locators.containsKey(spec.id())) {
                throw new IllegalArgumentException("layer id '" + spec.id() + "' given twice");
            }
            ZoneLayer layer = readLayer(reader, spec);
            locators.put(spec.id(), strategy.apply(layer));
        }
        return new ZoneCatalog(locators);
    }

    static ZoneLayer readLayer(GeoJsonZoneLayerReader reader, ZoneLayerSpec spec) {
        String location = spec.location();
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            try (InputStream in =
                    ZoneCatalog.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new GeoJsonZoneLayerReader.InvalidZoneLayerException(
                            location + ": no such class-path resource");
                }
                return reader.read(spec.id(), spec.title(), in, spec.nameProperty(), location);
            } catch (IOException e) {
                throw new GeoJsonZoneLayerReader.InvalidZoneLayerException(
                        location + ": cannot read: " + e.getMessage(), e);
            }
        }
        return reader.read(spec.id(), spec.title(), Path.of(location), spec.nameProperty());
    }

    public List<String> layerIds() {
        return List.copyOf(locators.keySet());
    }

    public List<ZoneLayer> layers() {
        List<ZoneLayer> out = new ArrayList<>();
        locators.values().forEach(l -> out.add(l.layer()));
        return out;
    }

    public Optional<ZoneLayer> layer(String id) {
        return Optional.ofNullable(locators.get(id)).map(ZoneLocator::layer);
    }

    public Optional<ZoneLocator> locator(String id) {
        return Optional.ofNullable(locators.get(id));
    }

    /**
     * Tags a point with its zone in every layer: layer id to zone name, in layer order, leaving out
     * layers where the point lies in no zone.
     */
    public Map<String, String> tag(double lon, double lat) {
        Map<String, String> out = new LinkedHashMap<>();
        locators.forEach(
                (id, locator) -> {
                    String name = locator.zoneName(lon, lat);
                    if (name != null) {
                        out.put(id, name);
                    }
                });
        return out;
    }
}
