package org.zonestat.jobs.analytics;

import com.uber.h3core.H3Core;
import com.uber.h3core.LengthUnit;
import com.uber.h3core.util.LatLng;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.zonestat.geo.Distances;
import org.zonestat.geo.H3Binner;

/**
 * The coarse H3 cells a point must be sent to so that every point within a radius of it is found:
 * its own (home) cell first, then each cell of a large enough k-ring whose boundary comes within
 * the radius. Contract: for any two points p, q with {@code Distances.meters(p, q) <= radius},
 * {@code cells(p)} contains the home cell of q.
 *
 * <p>The ring size k is chosen conservatively (rings of half the average inner cell diameter);
 * cells that turn out farther than the radius are then dropped by an exact point-to-boundary
 * distance in a local tangent plane, with a 1% + 1 m margin so rounding never drops a cell that is
 * needed. Over-covering costs only a few extra copies; under-covering would lose pairs, so the test
 * checks the contract against random pairs.
 *
 * <p>Immutable and thread-safe.
 */
public final class NearRepeatCover implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int resolution;
    private final double radiusMeters;
    private final int k;

    public NearRepeatCover(int resolution, double radiusMeters) {
        if (resolution < 0 || resolution > 15) {
            throw new IllegalArgumentException("resolution must be 0..15, was " + resolution);
        }
        if (!(radiusMeters > 0)) {
            throw new IllegalArgumentException(
                    "radiusMeters must be positive, was " + radiusMeters);
        }
        this.resolution = resolution;
        this.radiusMeters = radiusMeters;
        double innerDiameter =
                Math.sqrt(3) * H3Binner.h3().getHexagonEdgeLengthAvg(resolution, LengthUnit.m);
        this.k = Math.max(1, (int) Math.ceil(radiusMeters / (0.5 * innerDiameter)));
    }

    public int resolution() {
        return resolution;
    }

    /** The home cell of a point. */
    public String homeCell(double lon, double lat) {
        return H3Binner.h3().latLngToCellAddress(lat, lon, resolution);
    }

    /** The home cell first, then every other cell within the radius of the point. */
    public List<String> cells(double lon, double lat) {
        H3Core h3 = H3Binner.h3();
        long home = h3.latLngToCell(lat, lon, resolution);
        List<String> out = new ArrayList<>();
        out.add(h3.h3ToString(home));
        double reach = radiusMeters * 1.01 + 1;
        for (long cell : h3.gridDisk(home, k)) {
            if (cell != home && distanceToBoundary(h3.cellToBoundary(cell), lon, lat) <= reach) {
                out.add(h3.h3ToString(cell));
            }
        }
        return out;
    }

    /** Meters from the point to the nearest point of a cell's boundary ring (local plane). */
    static double distanceToBoundary(List<LatLng> ring, double lon, double lat) {
        double metersPerDegLat = Math.toRadians(Distances.EARTH_RADIUS_M);
        double metersPerDegLon = metersPerDegLat * Math.cos(Math.toRadians(lat));
        double best = Double.POSITIVE_INFINITY;
        int n = ring.size();
        for (int i = 0; i < n; i++) {
            LatLng a = ring.get(i);
            LatLng b = ring.get((i + 1) % n);
            double ax = (a.lng - lon) * metersPerDegLon;
            double ay = (a.lat - lat) * metersPerDegLat;
            double bx = (b.lng - lon) * metersPerDegLon;
            double by = (b.lat - lat) * metersPerDegLat;
            best = Math.min(best, distanceToSegment(ax, ay, bx, by));
        }
        return best;
    }

    /** Distance from the origin to segment ab. */
    private static double distanceToSegment(double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
        double px = ax + t * dx;
        double py = ay + t * dy;
        return Math.sqrt(px * px + py * py);
    }
}
