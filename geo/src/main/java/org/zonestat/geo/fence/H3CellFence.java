package org.zonestat.geo.fence;

import com.uber.h3core.util.LatLng;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.zonestat.geo.H3Binner;

/**
 * An H3 cell (a hot cell) as a {@link Fence}: a point is inside when H3 puts it in the cell (H3's
 * own rule, so every point is in exactly one cell of a resolution); a segment crosses it when it
 * goes into the cell's hexagon (JTS, on the boundary H3 gives), not when it only touches an edge.
 *
 * <p>Immutable and thread-safe.
 */
public final class H3CellFence implements Fence {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final long cell;
    private final int resolution;
    private final PreparedGeometry hexagon;

    /** The cell with the given H3 address. */
    public H3CellFence(String address) {
        Objects.requireNonNull(address, "address");
        if (!H3Binner.h3().isValidCell(address)) {
            throw new IllegalArgumentException("not an H3 cell address: '" + address + "'");
        }
        this.cell = H3Binner.h3().stringToH3(address);
        this.resolution = H3Binner.h3().getResolution(cell);
        List<LatLng> boundary = H3Binner.h3().cellToBoundary(cell);
        Coordinate[] ring = new Coordinate[boundary.size() + 1];
        for (int i = 0; i < boundary.size(); i++) {
            ring[i] = new Coordinate(boundary.get(i).lng, boundary.get(i).lat);
        }
        ring[boundary.size()] = ring[0];
        Polygon polygon = FACTORY.createPolygon(ring);
        this.hexagon = PreparedGeometryFactory.prepare(polygon);
    }

    /** The cell's H3 address. */
    public String address() {
        return H3Binner.h3().h3ToString(cell);
    }

    @Override
    public boolean contains(LonLat p) {
        return H3Binner.h3().latLngToCell(p.lat(), p.lon(), resolution) == cell;
    }

    @Override
    public boolean crossedBy(LonLat a, LonLat b) {
        LineString segment =
                FACTORY.createLineString(
                        new Coordinate[] {
                            new Coordinate(a.lon(), a.lat()), new Coordinate(b.lon(), b.lat())
                        });
        return hexagon.intersects(segment)
                && LayerFences.passesThrough(hexagon.getGeometry(), segment);
    }

    /** Whether the cell's hexagon meets the lon/lat box (a first filter for crossings). */
    public boolean mayMeet(double minLon, double minLat, double maxLon, double maxLat) {
        var e = hexagon.getGeometry().getEnvelopeInternal();
        return e.getMinX() <= maxLon
                && e.getMaxX() >= minLon
                && e.getMinY() <= maxLat
                && e.getMaxY() >= minLat;
    }

    @Override
    public String toString() {
        return "hot-cell/" + address();
    }
}
