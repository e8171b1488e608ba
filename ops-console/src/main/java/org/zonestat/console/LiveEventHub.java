package org.zonestat.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Keeps the most recent distinct events and fans each new one out to the subscribed clients.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>An event whose {@code eventId} is already among the recent events is a redelivery and is
 *       dropped; one that has already left the recent buffer is treated as new.
 *   <li>Each distinct event gets the next sequence number (1, 2, 3, ...).
 *   <li>A new subscriber first receives a {@link LiveMessage.Snapshot} of the recent events and
 *       then every later event as a {@link LiveMessage.Event}, with no gap and no overlap.
 *   <li>Messages are serialized once and handed to {@link Subscriber#deliver(String)}, which must
 *       not block: the caller of {@link #publish} is the Kafka consumer thread.
 * </ul>
 *
 * <p>Thread-safe: all methods may be called from any thread.
 */
public final class LiveEventHub {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEventHub.class);

    /** Receives serialized {@link LiveMessage}s; implementations must return without blocking. */
    @FunctionalInterface
    public interface Subscriber {
        void deliver(String messageJson);
    }

    /** Ends a subscription; idempotent. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final int recentLimit;
    private final ObjectWriter writer;
    private final Object lock = new Object();
    private final LinkedHashMap<String, LiveEvent> recent = new LinkedHashMap<>();
    private final Map<Subscriber, Predicate<LiveEvent>> subscribers = new LinkedHashMap<>();
    private long seq;
    private long duplicates;

    /**
     * @param recentLimit how many recent events to keep for snapshots and duplicate detection
     */
    public LiveEventHub(int recentLimit) {
        this(recentLimit, ConsoleJson.newMapper());
    }

    public LiveEventHub(int recentLimit, ObjectMapper mapper) {
        if (recentLimit < 1) {
            throw new IllegalArgumentException("recentLimit must be >= 1, was " + recentLimit);
        }
        this.recentLimit = recentLimit;
        this.writer = mapper.writerFor(LiveMessage.class);
    }

    /**
     * Records the event and sends it to every subscriber.
     *
     * @return false if the event was a redelivery of a recent event and was dropped
     */
    public boolean publish(LiveEvent event) {
        synchronized (lock) {
            if (recent.containsKey(event.eventId())) {
                duplicates++;
                return false;
            }
            recent.put(event.eventId(), event);
            if (recent.size() > recentLimit) {
                Iterator<String> oldest = recent.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            seq++;
            if (!subscribers.isEmpty()) {
                String json = serialize(new LiveMessage.Event(seq, event));
                for (Iterator<Map.Entry<Subscriber, Predicate<LiveEvent>>> it = subscribers.entrySet().iterator();
                        it.hasNext(); ) {
                    Map.Entry<Subscriber, Predicate<LiveEvent>> s = it.next();
                    if (s.getValue().test(event) && !deliver(s.getKey(), json)) {
                        it.remove();
                    }
                }
            }
            return true;
        }
    }

    /**
     * Subscribes a client: it receives the snapshot now and each later event as it is published.
     */
    public Subscription subscribe(Subscriber subscriber) {
        return subscribe(subscriber, event -> true);
    }

    /**
     * Subscribes a client that may see only the events {@code visible} accepts (for its role): its
     * snapshot and later events leave out the others, so it never receives what it may not see.
     */
    public Subscription subscribe(Subscriber subscriber, Predicate<LiveEvent> visible) {
        synchronized (lock) {
            String snapshot = serialize(new LiveMessage.Snapshot(seq,
                    recent.values().stream().filter(visible).collect(Collectors.toCollection(ArrayList::new))));
            if (deliver(subscriber, snapshot)) {
                subscribers.put(subscriber, visible);
            }
        }
        return () -> {
            synchronized (lock) {
                subscribers.remove(subscriber);
            }
        };
    }

    private static boolean deliver(Subscriber subscriber, String json) {
        try {
            subscriber.deliver(json);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Dropping live-event subscriber {} after a delivery failure", subscriber, e);
            return false;
        }
    }

    private String serialize(LiveMessage message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            // Only plain records and strings are written: this is a bug, not bad input.
            throw new IllegalStateException("cannot serialize live message", e);
        }
    }

    /** The recent events, oldest first. */
    public List<LiveEvent> recent() {
        synchronized (lock) {
            return List.copyOf(recent.values());
        }
    }

    /** The sequence number of the newest event, i.e. how many distinct events were published. */
    public long lastSeq() {
        synchronized (lock) {
            return seq;
        }
    }

    /** How many redelivered events were dropped. */
    public long duplicatesDropped() {
        synchronized (lock) {
            return duplicates;
        }
    }

    public int subscriberCount() {
        synchronized (lock) {
            return subscribers.size();
        }
    }

    public int recentLimit() {
        return recentLimit;
    }

    /** A consistent point-in-time view of the counters, for the health endpoint. */
    public Stats stats() {
        synchronized (lock) {
            return new Stats(seq, duplicates, recent.size(), subscribers.size());
        }
    }

    /**
     * @param eventsSeen distinct events published (the last sequence number)
     * @param duplicatesDropped redeliveries dropped
     * @param recentEvents events in the recent buffer
     * @param websocketClients current subscribers
     */
    public record Stats(
            long eventsSeen, long duplicatesDropped, int recentEvents, int websocketClients) {}
}
