package org.zonestat.geo;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * A {@link ZoneLocator} that filters candidate zones with an STR-packed R-tree of their envelopes
 * and confirms each candidate with an exact test on a {@link PreparedGeometry}. Among confirmed
 * candidates the lowest zone index wins, as the {@link ZoneLocator} contract requires.
 *
 * <p>Built once and immutable afterwards; safe for concurrent use (the tree is built eagerly and
 * prepared geometries are thread-safe for {@code intersects}).
 */
public final class StrTreeZoneLocator implements ZoneLocator {
    private final ZoneLayer layer;
    private final STRtree tree = new STRtree();
    private final PreparedGeometry[] prepared;
    private final GeometryFactory factory = new GeometryFactory();

    public StrTreeZoneLocator(ZoneLayer layer) {
        this.layer = layer;
        this.prepared = new PreparedGeometry[layer.size()];
        for (Zone z : layer.zones()) {
            prepared[z.index()] = PreparedGeometryFactory.prepare(z.geometry());
            tree.insert(z.geometry().getEnvelopeInternal(), z.index());
        }
        tree.build();
    }

    @Override
    public int locate(double lon, double lat) {
        @SuppressWarnings("unchecked")
        List<Integer> candidates = tree.query(new Envelope(lon, lon, lat, lat));
        if (candidates.isEmpty()) {
            return NO_ZONE;
        }
        Point p = factory.createPoint(new Coordinate(lon, lat));
        int best = NO_ZONE;
        for (int index : candidates) {
            if ((best == NO_ZONE || index < best) && prepared[index].intersects(p)) {
                best = index;
            }
        }
        return best;
    }

    @Override
    public ZoneLayer layer() {
        return layer;
    }
}
