package org.zonestat.geo.stats;

import com.uber.h3core.util.LatLng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.zonestat.geo.H3Binner;

/**
 * The H3 cells of a study area (e.g. the city boundary), for statistics that need the cells with no
 * events too: Gi* takes them with a count of 0, and forecast scoring counts them as area.
 *
 * <p>Stateless; thread-safe.
 */
public final class H3StudyArea {
    private H3StudyArea() {}

    /** The cells whose centers lie in the polygonal geometry (lon/lat), sorted. */
    public static long[] cells(Geometry polygonal, int resolution) {
        TreeSet<Long> out = new TreeSet<>();
        for (int i = 0; i < polygonal.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) polygonal.getGeometryN(i);
            List<List<LatLng>> holes = new ArrayList<>();
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                holes.add(ring(polygon.getInteriorRingN(h)));
            }
            out.addAll(
                    H3Binner.h3()
                            .polygonToCells(ring(polygon.getExteriorRing()), holes, resolution));
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Counts for every cell of the study area: the given count, or 0; cells outside are dropped.
     */
    public static Map<Long, Long> withZeros(Map<Long, ? extends Number> counts, long[] area) {
        Map<Long, Long> out = new LinkedHashMap<>();
        long[] sorted = area.clone();
        Arrays.sort(sorted);
        for (long cell : sorted) {
            Number n = counts.get(cell);
            out.put(cell, n == null ? 0L : n.longValue());
        }
        return out;
    }

    private static List<LatLng> ring(LinearRing ring) {
        List<LatLng> out = new ArrayList<>();
        Coordinate[] cs = ring.getCoordinates();
        for (int i = 0; i < cs.length - 1; i++) {
            out.add(new LatLng(cs[i].y, cs[i].x));
        }
        return out;
    }
}
