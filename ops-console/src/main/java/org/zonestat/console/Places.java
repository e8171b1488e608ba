package org.zonestat.console;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;

/**
 * Names a point for people by the zone it lies in, taken from the finest layer that has a zone
 * there: the layers are ordered by the mean area of their zones, smallest first, so a point is
 * named by its neighborhood rather than its police district when the city has both, and a point
 * outside every layer but one by that layer's zone. Follows the catalog: an uploaded layer names
 * points from the next call.
 *
 * <p>Thread-safe: the finest-first order is computed once per catalog and replaced whole.
 */
public final class Places {
    private final Supplier<ZoneCatalog> catalog;
    private volatile Ordered ordered;

    /** A zone of a layer. */
    public record Place(String layer, String zone) {}

    private record Ordered(ZoneCatalog catalog, List<ZoneLocator> finestFirst) {}

    /**
     * @param catalog the layers as they are now
     */
    public Places(Supplier<ZoneCatalog> catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * The zone of the finest layer other than {@code besides} that the point lies in, else its zone
     * in {@code besides}: what says more about a point already known to lie in a zone of {@code
     * besides} (a hot cell on a focus zone's card); with {@code besides} null, the zone of the
     * finest layer. Empty when the point lies in no zone at all.
     */
    public Optional<Place> of(double lon, double lat, String besides) {
        ZoneLocator last = null;
        for (ZoneLocator locator : finestFirst()) {
            if (locator.layer().id().equals(besides)) {
                last = locator;
                continue;
            }
            String zone = locator.zoneName(lon, lat);
            if (zone != null) {
                return Optional.of(new Place(locator.layer().id(), zone));
            }
        }
        String zone = last == null ? null : last.zoneName(lon, lat);
        return zone == null ? Optional.empty() : Optional.of(new Place(besides, zone));
    }

    private List<ZoneLocator> finestFirst() {
        ZoneCatalog now = catalog.get();
        Ordered o = ordered;
        if (o == null || o.catalog() != now) {
            o =
                    new Ordered(
                            now,
                            now.layerIds().stream()
                                    .map(id -> now.locator(id).orElseThrow())
                                    .sorted(
                                            Comparator.comparingDouble(
                                                    (ZoneLocator l) -> meanArea(l.layer())))
                                    .toList());
            ordered = o;
        }
        return o.finestFirst();
    }

    /** Mean zone area in square degrees: enough to order the layers of one city. */
    private static double meanArea(ZoneLayer layer) {
        double sum = 0;
        for (Zone z : layer.zones()) {
            sum += z.geometry().getArea();
        }
        return layer.size() == 0 ? Double.MAX_VALUE : sum / layer.size();
    }
}
