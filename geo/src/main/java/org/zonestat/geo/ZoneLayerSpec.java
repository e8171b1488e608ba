package org.zonestat.geo;

import java.util.Objects;

/**
 * Where a zone layer comes from: its id (the key in tagged events), a title for people, the
 * location of its GeoJSON (a class-path resource {@code classpath:...} or a file path) and the
 * feature property holding zone names.
 *
 * <p>Immutable value.
 */
public record ZoneLayerSpec(String id, String title, String location, String nameProperty)
        implements java.io.Serializable {
    public ZoneLayerSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(nameProperty, "nameProperty");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "layer id must be lower-case letters, digits and '-', was '" + id + "'");
        }
    }

    /**
     * Parses {@code id=location[#nameProperty]}, e.g. {@code wards=/data/wards.geojson#WARD}; the
     * name property defaults to {@code name} and the title to the id.
     */
    public static ZoneLayerSpec parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException(
                    "layer spec must look like id=path.geojson[#nameProperty], was '" + text + "'");
        }
        String id = text.substring(0, eq).trim();
        String rest = text.substring(eq + 1).trim();
        String nameProperty = "name";
        int hash = rest.lastIndexOf('#');
        if (hash > 0) {
            nameProperty = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        return new ZoneLayerSpec(id, id, rest, nameProperty);
    }
}
