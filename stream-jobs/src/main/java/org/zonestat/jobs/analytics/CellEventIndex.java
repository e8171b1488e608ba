package org.zonestat.jobs.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.zonestat.geo.Distances;
import org.zonestat.jobs.model.CellEvent;

/**
 * The events kept for one key of a join by cell ({@link NearRepeatDetector}, {@link TipMatching}),
 * indexed so that a new event meets only the events that can be within the radius and the time
 * window of it, and expiry takes only the expired ones.
 *
 * <p>How it works: a regular lon/lat grid of buckets one radius wide, each bucket split into time
 * slots one window long (a {@code TreeMap} by slot). A lookup reads the buckets that overlap {@link
 * Distances#envelope} (which contains every point within the radius) and, in each, the slots that
 * overlap {@code [time - window, time + window]}; a queue ordered by expiry time gives the events
 * to remove. The slots matter when one side of a join runs ahead of the other in event time (a
 * replay or backfill reads a small topic faster than a large one): its events wait for the
 * watermark, and without slots every new event of the other side would be compared with all of
 * them.
 *
 * <p>A cache of the caller's keyed state, never its record: the caller changes both together, and
 * rebuilds an index from the state when it has none for a key (after a restore).
 *
 * <p>Not thread-safe: one operator instance's.
 */
final class CellEventIndex {
    private record Expiring(long at, CellEvent event) {}

    private final double bucketDegrees;
    private final double radiusMeters;
    private final long windowMillis;
    private final Map<String, CellEvent> byId = new HashMap<>();
    private final Map<Long, TreeMap<Long, List<CellEvent>>> buckets = new HashMap<>();
    private final PriorityQueue<Expiring> expiries =
            new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));

    /**
     * @param radiusMeters how far apart two events of a pair may be
     * @param windowMillis how far apart in event time two events of a pair may be (positive)
     */
    CellEventIndex(double radiusMeters, long windowMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("window must be positive, was " + windowMillis);
        }
        this.radiusMeters = radiusMeters;
        this.windowMillis = windowMillis;
        this.bucketDegrees = Distances.latitudeDegrees(radiusMeters);
    }

    boolean contains(String eventId) {
        return byId.containsKey(eventId);
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    /** Keeps {@code e} until {@link #expire} reaches {@code expiresAt}; a kept id is ignored. */
    void add(CellEvent e, long expiresAt) {
        if (byId.putIfAbsent(e.eventId(), e) != null) {
            return;
        }
        buckets.computeIfAbsent(bucket(e.lon(), e.lat()), k -> new TreeMap<>())
                .computeIfAbsent(slot(e), s -> new ArrayList<>(4))
                .add(e);
        expiries.add(new Expiring(expiresAt, e));
    }

    /**
     * Calls {@code action} once with every kept event that may lie within the radius of the point
     * and within the window of {@code atMillis}; the caller confirms each with the exact tests.
     */
    void forEachNear(double lon, double lat, long atMillis, Consumer<CellEvent> action) {
        Envelope box = Distances.envelope(lon, lat, radiusMeters);
        long x0 = (long) Math.floor(box.getMinX() / bucketDegrees);
        long x1 = (long) Math.floor(box.getMaxX() / bucketDegrees);
        long y0 = (long) Math.floor(box.getMinY() / bucketDegrees);
        long y1 = (long) Math.floor(box.getMaxY() / bucketDegrees);
        long s0 = Math.floorDiv(atMillis - windowMillis, windowMillis);
        long s1 = Math.floorDiv(atMillis + windowMillis, windowMillis);
        for (long x = x0; x <= x1; x++) {
            for (long y = y0; y <= y1; y++) {
                TreeMap<Long, List<CellEvent>> slots = buckets.get(key(x, y));
                if (slots == null) {
                    continue;
                }
                for (List<CellEvent> events : slots.subMap(s0, true, s1, true).values()) {
                    events.forEach(action);
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
            TreeMap<Long, List<CellEvent>> slots = buckets.get(k);
            long s = slot(e);
            List<CellEvent> events = slots.get(s);
            removeSame(events, e);
            if (events.isEmpty()) {
                slots.remove(s);
                if (slots.isEmpty()) {
                    buckets.remove(k);
                }
            }
            gone.add(e.eventId());
        }
        return gone;
    }

    /** Removes {@code e} itself (not an equal copy: records compare every field) from the list. */
    private static void removeSame(List<CellEvent> events, CellEvent e) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) == e) {
                events.remove(i);
                return;
            }
        }
    }

    private long slot(CellEvent e) {
        return Math.floorDiv(e.occurredAt().toEpochMilli(), windowMillis);
    }

    private long bucket(double lon, double lat) {
        return key((long) Math.floor(lon / bucketDegrees), (long) Math.floor(lat / bucketDegrees));
    }

    private static long key(long x, long y) {
        return (x << 32) ^ (y & 0xffffffffL);
    }
}
