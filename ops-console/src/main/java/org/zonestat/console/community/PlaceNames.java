package org.zonestat.console.community;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Point;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;

/**
 * Places a resident's free-text location when it names a zone of the city's layers ("Sandtown-
 * Winchester", "Western"): the point is a point inside that zone (JTS's interior point), so it
 * lands in that zone and in the zones of the other layers around it. ZoneStat has no street
 * geocoder; a text that names no zone is not placed, and the caller asks for a position instead.
 * Names are matched ignoring case and surrounding space; the first layer that has the name wins.
 *
 * <p>Immutable and thread-safe.
 */
public final class PlaceNames {
    /** A placed name: where, and which zone of which layer it named. */
    public record Place(double lon, double lat, String layer, String zone) {}

    private final Map<String, Place> byName = new LinkedHashMap<>();

    public PlaceNames(ZoneCatalog catalog) {
        for (ZoneLayer layer : catalog.layers()) {
            for (Zone z : layer.zones()) {
                Point p = z.geometry().getInteriorPoint();
                byName.putIfAbsent(
                        key(z.name()), new Place(p.getX(), p.getY(), layer.id(), z.name()));
            }
        }
    }

    /**
     * The names of the layers {@code catalog} holds at each call, built again when the catalog
     * changes (a layer uploaded through the {@code zones} topic). Thread-safe.
     */
    public static Supplier<PlaceNames> following(Supplier<ZoneCatalog> catalog) {
        return new Supplier<>() {
            private ZoneCatalog builtFrom;
            private PlaceNames names;

            @Override
            public synchronized PlaceNames get() {
                ZoneCatalog now = catalog.get();
                if (now != builtFrom) {
                    names = new PlaceNames(now);
                    builtFrom = now;
                }
                return names;
            }
        };
    }

    /** The place a text names; empty when it names no zone. */
    public Optional<Place> find(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(byName.get(key(text)));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
