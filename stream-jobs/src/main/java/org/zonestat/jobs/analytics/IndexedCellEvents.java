package org.zonestat.jobs.analytics;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.zonestat.jobs.model.CellEvent;

/**
 * The events a function keyed by cell keeps until their expiry: keyed {@code MapState} by event id
 * (what checkpoints hold) and, per cell, a {@link CellEventIndex} of the same events (a cache,
 * rebuilt from the state when a cell has none, as after a restore), so that a new event meets only
 * the events of nearby buckets and time slots and an expiry takes only the expired ones.
 *
 * <p>The function registers an event-time timer at each kept event's expiry and calls {@link
 * #expire} from it; when a cell's last event goes, its state is cleared. Used from the function's
 * task thread only; not thread-safe.
 */
final class IndexedCellEvents {
    private final MapState<String, CellEvent> state;
    private final Map<String, CellEventIndex> indexes = new HashMap<>();
    private final double radiusMeters;
    private final long windowMillis;
    private final ToLongFunction<CellEvent> expiry;

    /**
     * @param name the state's name (part of savepoints: keep it when the code changes)
     * @param radiusMeters the index's search radius
     * @param windowMillis the index's search window either side of a time
     * @param expiry when an event may go, epoch milliseconds of event time
     */
    IndexedCellEvents(
            RuntimeContext context,
            String name,
            double radiusMeters,
            long windowMillis,
            ToLongFunction<CellEvent> expiry) {
        this.state =
                context.getMapState(
                        new MapStateDescriptor<>(
                                name, Types.STRING, TypeInformation.of(CellEvent.class)));
        this.radiusMeters = radiusMeters;
        this.windowMillis = windowMillis;
        this.expiry = Objects.requireNonNull(expiry, "expiry");
    }

    /** Keeps {@code e} in the current key's {@code cell}; returns its expiry for the timer. */
    long keep(String cell, CellEvent e) throws Exception {
        long at = expiry.applyAsLong(e);
        state.put(e.eventId(), e);
        index(cell).add(e, at);
        return at;
    }

    /** Removes the current key's events that expire at or before {@code time}. */
    void expire(String cell, long time) throws Exception {
        CellEventIndex index = index(cell);
        for (String id : index.expire(time)) {
            state.remove(id);
        }
        if (index.isEmpty()) {
            state.clear();
            indexes.remove(cell);
        }
    }

    /** The current key's index, built from its state when there is none (after a restore). */
    CellEventIndex index(String cell) throws Exception {
        CellEventIndex index = indexes.get(cell);
        if (index == null) {
            index = new CellEventIndex(radiusMeters, windowMillis);
            for (CellEvent e : state.values()) {
                index.add(e, expiry.applyAsLong(e));
            }
            indexes.put(cell, index);
        }
        return index;
    }
}
