package org.zonestat.console;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;

/**
 * What the pages know of the city they serve, the {@code city} object of {@code GET /api/config}:
 * its name, the time zone of its local days, the focus layer and goal of its huddle, and the box
 * around its configured layers for the map to fit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the city's name, e.g. {@code New York City}
 * @param timeZone an IANA zone id, e.g. {@code America/New_York}
 * @param focusLayer the id of the layer whose zones the huddle shows
 * @param goalPercent the goal as a change against last year, e.g. -15
 * @param bounds {@code [west, south, east, north]} in WGS84 degrees
 */
public record CityView(
        String name, String timeZone, String focusLayer, double goalPercent, List<Double> bounds) {

    public CityView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(focusLayer, "focusLayer");
        bounds = List.copyOf(bounds);
        if (bounds.size() != 4) {
            throw new IllegalArgumentException("bounds are [west, south, east, north]: " + bounds);
        }
    }

    /** The view of a city whose layers are {@code catalog}: the box is around all of them. */
    public static CityView of(
            String name,
            ZoneId timeZone,
            String focusLayer,
            double goalPercent,
            ZoneCatalog catalog) {
        Envelope box = new Envelope();
        for (ZoneLayer layer : catalog.layers()) {
            box.expandToInclude(layer.extent());
        }
        return new CityView(
                name,
                timeZone.getId(),
                focusLayer,
                goalPercent,
                List.of(
                        round(box.getMinX()),
                        round(box.getMinY()),
                        round(box.getMaxX()),
                        round(box.getMaxY())));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e5) / 1e5;
    }
}
