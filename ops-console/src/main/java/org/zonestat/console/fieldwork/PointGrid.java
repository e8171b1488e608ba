package org.zonestat.console.fieldwork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.locationtech.jts.geom.Envelope;
import org.zonestat.geo.Distances;

/**
 * Points in a regular lon/lat grid, to find those within {@code r} meters of a place without
 * measuring every pair: the grid is only a first filter (the cells the place's {@link
 * Distances#envelope} touches), every candidate is confirmed with the great-circle distance ({@link
 * Distances#isWithin}), so the answer is exactly what measuring every pair gives ({@code
 * PlaceRankingTest} checks it against all pairs on a shipped city's data).
 *
 * <p>Built once, then read only; not thread-safe while building.
 *
 * @param <T> what the points are
 */
final class PointGrid<T> {
    private final double cellLat;
    private final double cellLon;
    private final ToDoubleFunction<T> lon;
    private final ToDoubleFunction<T> lat;
    private final Map<Long, List<T>> cells = new HashMap<>();

    /**
     * @param cellMeters the cells' size (the search radius is a good choice)
     * @param referenceLat a latitude of the area, to size the cells in longitude
     */
    PointGrid(
            double cellMeters,
            double referenceLat,
            ToDoubleFunction<T> lon,
            ToDoubleFunction<T> lat) {
        this.cellLat = Distances.latitudeDegrees(Math.max(cellMeters, 1));
        this.cellLon = Distances.longitudeDegrees(Math.max(cellMeters, 1), referenceLat);
        this.lon = lon;
        this.lat = lat;
    }

    PointGrid<T> addAll(Iterable<T> points) {
        for (T p : points) {
            cells.computeIfAbsent(
                            key(cellX(lon.applyAsDouble(p)), cellY(lat.applyAsDouble(p))),
                            k -> new ArrayList<>())
                    .add(p);
        }
        return this;
    }

    /** The points within {@code radiusMeters} of (lon, lat), boundary included. */
    List<T> within(double centerLon, double centerLat, double radiusMeters) {
        Envelope box = Distances.envelope(centerLon, centerLat, radiusMeters);
        List<T> out = new ArrayList<>();
        for (long x = cellX(box.getMinX()); x <= cellX(box.getMaxX()); x++) {
            for (long y = cellY(box.getMinY()); y <= cellY(box.getMaxY()); y++) {
                for (T p : cells.getOrDefault(key(x, y), List.of())) {
                    if (Distances.isWithin(
                            centerLon,
                            centerLat,
                            lon.applyAsDouble(p),
                            lat.applyAsDouble(p),
                            radiusMeters)) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    private long cellX(double lonValue) {
        return (long) Math.floor(lonValue / cellLon);
    }

    private long cellY(double latValue) {
        return (long) Math.floor(latValue / cellLat);
    }

    private static long key(long x, long y) {
        return (x << 32) ^ (y & 0xffffffffL);
    }
}
