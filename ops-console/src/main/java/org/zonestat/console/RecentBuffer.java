package org.zonestat.console;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The newest items of one kind by their own time (an event's {@code occurredAt}, an alert's {@code
 * at}), at most {@code limit}, each once by id. When a history is loaded the items of different
 * topics arrive in no common time order; keeping the newest by time, not by arrival, makes the live
 * map show what happened last. Items of equal time keep their arrival order.
 *
 * <p>Not thread-safe: the hub calls it under its lock.
 *
 * @param <T> the item type
 */
final class RecentBuffer<T> {
    private record Key(Instant time, long arrival) {}

    private static final Comparator<Key> ORDER =
            Comparator.comparing(Key::time).thenComparingLong(Key::arrival);

    private final int limit;
    private final Function<T, Instant> time;
    private final Map<String, Key> keys = new HashMap<>();
    private final TreeMap<Key, T> items = new TreeMap<>(ORDER);
    private final TreeMap<Key, String> ids = new TreeMap<>(ORDER);
    private long arrivals;

    RecentBuffer(int limit, Function<T, Instant> time) {
        this.limit = limit;
        this.time = time;
    }

    /**
     * Adds the item unless its id is already kept; the oldest item leaves when the buffer is full
     * (which may be this one).
     *
     * @return false if the id is already kept (a redelivery)
     */
    boolean add(String id, T item) {
        if (keys.containsKey(id)) {
            return false;
        }
        Key key = new Key(time.apply(item), arrivals++);
        keys.put(id, key);
        items.put(key, item);
        ids.put(key, id);
        if (items.size() > limit) {
            Map.Entry<Key, String> oldest = ids.pollFirstEntry();
            items.remove(oldest.getKey());
            keys.remove(oldest.getValue());
        }
        return true;
    }

    /** The kept items, oldest first. */
    List<T> values() {
        return List.copyOf(items.values());
    }

    int size() {
        return items.size();
    }
}
