package org.zonestat.jobs.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.zonestat.geo.Distances;
import org.zonestat.jobs.model.CellEvent;

/**
 * The events kept for one key of {@link NearRepeatDetector}, indexed so that a new event meets only
 * the events that can be within the radius of it, and expiry takes only the expired ones: a regular
 * lon/lat grid of buckets one radius wide (a lookup reads the buckets that overlap {@link
 * Distances#envelope}, which contains every point within the radius), and a queue ordered by expiry
 * time. Without it every event was compared with every event of its cell, and every timer scanned
 * them all again.
 *
 * <p>A cache of the detector's keyed state, never its record: the detector changes both together,
 * and rebuilds an index from the state when it has none for a key (after a restore).
 *
 * <p>Not thread-safe: one operator instance's.
 */
final class CellEventIndex {
    private record Expiring(long at, CellEvent event) {}

    private final double bucketDegrees;
    private final double radiusMeters;
    private final Map<String, CellEvent> byId = new HashMap<>();
    private final Map<Long, List<CellEvent>> buckets = new HashMap<>();
    private final PriorityQueue<Expiring> expiries =
            new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));

    CellEventIndex(double radiusMeters) {
        this.radiusMeters = radiusMeters;
        this.bucketDegrees = Distances.latitudeDegrees(radiusMeters);
    }

    boolean contains(String eventId) {
        return byId.containsKey(eventId);
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    void add(CellEvent e, long expiresAt) {
        if (byId.putIfAbsent(e.eventId(), e) != null) {
            return;
        }
        buckets.computeIfAbsent(bucket(e.lon(), e.lat()), k -> new ArrayList<>(4)).add(e);
        expiries.add(new Expiring(expiresAt, e));
    }

    /** Calls {@code action} with every kept event that may lie within the radius of the point. */
    void forEachNear(double lon, double lat, Consumer<CellEvent> action) {
        Envelope box = Distances.envelope(lon, lat, radiusMeters);
        long x0 = (long) Math.floor(box.getMinX() / bucketDegrees);
        long x1 = (long) Math.floor(box.getMaxX() / bucketDegrees);
        long y0 = (long) Math.floor(box.getMinY() / bucketDegrees);
        long y1 = (long) Math.floor(box.getMaxY() / bucketDegrees);
        for (long x = x0; x <= x1; x++) {
            for (long y = y0; y <= y1; y++) {
                List<CellEvent> b = buckets.get(key(x, y));
                if (b != null) {
                    b.forEach(action);
                }
            }
        }
    }

    /** Removes the events that expire at or before {@code time}; returns their ids. */
    List<String> expire(long time) {
        List<String> gone = new ArrayList<>();
        while (!expiries.isEmpty() && expiries.peek().at() <= time) {
            CellEvent e = expiries.poll().event();
            byId.remove(e.eventId());
            long k = bucket(e.lon(), e.lat());
            List<CellEvent> b = buckets.get(k);
            b.remove(e);
            if (b.isEmpty()) {
                buckets.remove(k);
            }
            gone.add(e.eventId());
        }
        return gone;
    }

    private long bucket(double lon, double lat) {
        return key((long) Math.floor(lon / bucketDegrees), (long) Math.floor(lat / bucketDegrees));
    }

    private static long key(long x, long y) {
        return (x << 32) ^ (y & 0xffffffffL);
    }
}
