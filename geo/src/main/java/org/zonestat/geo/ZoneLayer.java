package org.zonestat.geo;

import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;

/**
 * A named set of polygonal zones (neighborhoods, police districts, focus zones...) read from one
 * GeoJSON file. Zones are kept in file order; {@link Zone#index()} is the position in {@link
 * #zones()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ZoneLayer {
    private final String id;
    private final String title;
    private final String nameProperty;
    private final List<Zone> zones;
    private final Envelope extent;

    public ZoneLayer(String id, String title, String nameProperty, List<Zone> zones) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.nameProperty = Objects.requireNonNull(nameProperty, "nameProperty");
        this.zones = List.copyOf(zones);
        if (this.zones.isEmpty()) {
            throw new IllegalArgumentException("layer '" + id + "' has no zones");
        }
        for (int i = 0; i < this.zones.size(); i++) {
            if (this.zones.get(i).index() != i) {
                throw new IllegalArgumentException(
                        "layer '"
                                + id
                                + "': zone at position "
                                + i
                                + " has index "
                                + this.zones.get(i).index());
            }
        }
        Envelope e = new Envelope();
        this.zones.forEach(z -> e.expandToInclude(z.geometry().getEnvelopeInternal()));
        this.extent = e;
    }

    /** Short machine name, e.g. {@code neighborhoods}; used as the key in tagged events. */
    public String id() {
        return id;
    }

    /** Human title, e.g. "Neighborhoods (2010)". */
    public String title() {
        return title;
    }

    /** The GeoJSON feature property that gave the zone names. */
    public String nameProperty() {
        return nameProperty;
    }

    public List<Zone> zones() {
        return zones;
    }

    public Zone zone(int index) {
        return zones.get(index);
    }

    public int size() {
        return zones.size();
    }

    /** The bounding box of all zones (a copy). */
    public Envelope extent() {
        return new Envelope(extent);
    }
}
