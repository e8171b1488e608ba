package org.zonestat.geo.fence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Dimension;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.IntersectionMatrix;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;

/**
 * The zones of one layer as {@link Fence}s, with the lookups a device tracker needs: the zone a
 * point is inside (the layer's {@link ZoneLocator}, so its boundary rule: a point on an edge is
 * inside, and on an edge two zones share it is inside the one listed first), and the zones a
 * segment may cross (an STR-tree of zone envelopes, a first filter only: {@link Transition#of}
 * confirms each candidate with an exact test). A segment crosses a zone when it goes into the
 * zone's interior: touching only its edge, or ending on an edge it shares with a zone listed before
 * it, is not a crossing.
 *
 * <p>How a tracker uses it: for a device that moved from a to b, the zones whose transition is not
 * {@code OUTSIDE} are among the zone of a, the zone of b and {@link #crossCandidates}; every other
 * zone is outside both points and its envelope misses the segment, so it is {@code OUTSIDE}.
 *
 * <p>Immutable after construction and thread-safe (prepared geometries are built on first use and
 * published through an atomic array).
 */
public final class LayerFences {
    private final ZoneLocator locator;
    private final STRtree envelopes = new STRtree();
    private final AtomicReferenceArray<PreparedGeometry> prepared;
    private final GeometryFactory factory = new GeometryFactory();

    public LayerFences(ZoneLocator locator) {
        this.locator = Objects.requireNonNull(locator, "locator");
        ZoneLayer layer = locator.layer();
        this.prepared = new AtomicReferenceArray<>(layer.size());
        for (Zone z : layer.zones()) {
            envelopes.insert(z.geometry().getEnvelopeInternal(), z.index());
        }
        envelopes.build();
    }

    /** The layer. */
    public ZoneLayer layer() {
        return locator.layer();
    }

    /** The index of the zone the point is inside, or {@link ZoneLocator#NO_ZONE}. */
    public int zoneAt(LonLat p) {
        return locator.locate(p.lon(), p.lat());
    }

    /** Zone {@code index} as a fence. */
    public Fence fence(int index) {
        return new ZoneFence(index);
    }

    /**
     * The indexes of the zones whose envelope meets the segment's envelope, in ascending order: a
     * superset of the zones the segment crosses.
     */
    public List<Integer> crossCandidates(LonLat a, LonLat b) {
        @SuppressWarnings("unchecked")
        List<Integer> hits =
                envelopes.query(
                        new Envelope(
                                Math.min(a.lon(), b.lon()),
                                Math.max(a.lon(), b.lon()),
                                Math.min(a.lat(), b.lat()),
                                Math.max(a.lat(), b.lat())));
        List<Integer> sorted = new ArrayList<>(hits);
        sorted.sort(null);
        return sorted;
    }

    /** Whether the segment meets the area's interior (interior or end points of the segment). */
    static boolean passesThrough(Geometry area, LineString segment) {
        IntersectionMatrix m = area.relate(segment);
        return m.get(Location.INTERIOR, Location.INTERIOR) != Dimension.FALSE
                || m.get(Location.INTERIOR, Location.BOUNDARY) != Dimension.FALSE;
    }

    private PreparedGeometry prepared(int index) {
        PreparedGeometry p = prepared.get(index);
        if (p == null) {
            p = PreparedGeometryFactory.prepare(locator.layer().zone(index).geometry());
            prepared.compareAndSet(index, null, p);
        }
        return p;
    }

    /** One zone of the layer, inside by the layer's boundary rule. */
    private final class ZoneFence implements Fence {
        private final int index;

        ZoneFence(int index) {
            if (index < 0 || index >= locator.layer().size()) {
                throw new IllegalArgumentException(
                        "zone index " + index + " is not in layer " + locator.layer().id());
            }
            this.index = index;
        }

        @Override
        public boolean contains(LonLat p) {
            return locator.locate(p.lon(), p.lat()) == index;
        }

        @Override
        public boolean crossedBy(LonLat a, LonLat b) {
            LineString segment =
                    factory.createLineString(
                            new Coordinate[] {
                                new Coordinate(a.lon(), a.lat()), new Coordinate(b.lon(), b.lat())
                            });
            // The prepared test filters; relate confirms the track went into the zone, not only
            // along or onto its edge (a fix on an edge another zone shares does not cross that
            // one).
            return prepared(index).intersects(segment)
                    && passesThrough(locator.layer().zone(index).geometry(), segment);
        }

        @Override
        public String toString() {
            return locator.layer().id() + "/" + locator.layer().zone(index).name();
        }
    }
}
