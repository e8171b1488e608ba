package org.zonestat.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the recent live items (events, alerts, risk halos, hot-spot cells) and fans each new one
 * out to the subscribed clients, each through its own filter.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>The recent events and alerts are the newest by their own time ({@link RecentBuffer}), not
 *       the last to arrive: a loaded history's topics arrive in no common time order.
 *   <li>An item whose id is already among the recent items of its type is a redelivery and is
 *       dropped; one that has already left the recent buffer is treated as new. A hot-spot cell
 *       state not newer than the cell's current one is dropped too.
 *   <li>Each distinct item gets the next sequence number (1, 2, 3, ...), one sequence for all
 *       types, within a {@link #streamId() stream id} unique to this hub.
 *   <li>The last {@code resumeLimit} item messages are kept. A subscriber that resumes after a
 *       sequence number still covered by them receives a {@link LiveMessage.Resumed} and then
 *       exactly the item messages after it that its filter accepts; otherwise (and when it does not
 *       resume) it receives a {@link LiveMessage.Snapshot}. Either way it then receives every later
 *       accepted item, with no gap and no overlap.
 *   <li>Messages are serialized once and handed to {@link Subscriber#deliver(String)}, which must
 *       not block: the caller of {@link #publish} is the Kafka consumer thread.
 * </ul>
 *
 * <p>Thread-safe: all methods may be called from any thread.
 */
public final class LiveEventHub {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEventHub.class);

    /** Item messages kept for resuming clients, by default. */
    public static final int DEFAULT_RESUME_LIMIT = 10_000;

    private static final int ALERT_LIMIT = 200;
    private static final int HALO_LIMIT = 500;
    private static final int CELL_LIMIT = 5_000;

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

    /**
     * Where a reconnecting client left off.
     *
     * @param streamId the {@code streamId} of the snapshot or resume it last received
     * @param afterSeq the largest {@code seq} (or snapshot {@code lastSeq}) it has seen
     */
    public record ResumePoint(String streamId, long afterSeq) {}

    private record Logged(long seq, LiveItem item, String json) {}

    private final int recentLimit;
    private final int resumeLimit;
    private final String streamId = UUID.randomUUID().toString();
    private final ObjectWriter writer;
    private final Object lock = new Object();
    private final RecentBuffer<LiveEvent> recent;
    private final RecentBuffer<LiveAlert> alerts = new RecentBuffer<>(ALERT_LIMIT, LiveAlert::at);
    private final LinkedHashMap<String, RiskHalo> halos = new LinkedHashMap<>();
    private final LinkedHashMap<String, HotCell> cells = new LinkedHashMap<>();
    private final ArrayDeque<Logged> log = new ArrayDeque<>();
    private final Map<Subscriber, Predicate<LiveItem>> subscribers = new LinkedHashMap<>();
    private long seq;
    private long duplicates;
    private Instant clock;

    /**
     * @param recentLimit how many recent events to keep for snapshots and duplicate detection
     */
    public LiveEventHub(int recentLimit) {
        this(recentLimit, DEFAULT_RESUME_LIMIT, ConsoleJson.newMapper());
    }

    public LiveEventHub(int recentLimit, ObjectMapper mapper) {
        this(recentLimit, DEFAULT_RESUME_LIMIT, mapper);
    }

    /**
     * @param recentLimit how many recent events to keep for snapshots and duplicate detection
     * @param resumeLimit how many item messages to keep for resuming clients
     */
    public LiveEventHub(int recentLimit, int resumeLimit, ObjectMapper mapper) {
        if (recentLimit < 1) {
            throw new IllegalArgumentException("recentLimit must be >= 1, was " + recentLimit);
        }
        if (resumeLimit < 1) {
            throw new IllegalArgumentException("resumeLimit must be >= 1, was " + resumeLimit);
        }
        this.recentLimit = recentLimit;
        this.recent = new RecentBuffer<>(recentLimit, LiveEvent::occurredAt);
        this.resumeLimit = resumeLimit;
        this.writer = mapper.writerFor(LiveMessage.class);
    }

    /**
     * Records the item and sends it to every subscriber whose filter accepts it.
     *
     * @return false if the item was a redelivery (or an outdated cell state) and was dropped
     */
    public boolean publish(LiveItem item) {
        synchronized (lock) {
            if (!remember(item)) {
                duplicates++;
                return false;
            }
            seq++;
            String json = serialize(LiveMessage.of(seq, item));
            log.addLast(new Logged(seq, item, json));
            if (log.size() > resumeLimit) {
                log.removeFirst();
            }
            for (Iterator<Map.Entry<Subscriber, Predicate<LiveItem>>> it =
                            subscribers.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<Subscriber, Predicate<LiveItem>> s = it.next();
                if (s.getValue().test(item) && !deliver(s.getKey(), json)) {
                    it.remove();
                }
            }
            return true;
        }
    }

    /** Keeps the item in the buffer of its type; false if it is a redelivery. */
    private boolean remember(LiveItem item) {
        if (item instanceof LiveEvent e) {
            advanceClock(e.occurredAt());
            return recent.add(e.eventId(), e);
        } else if (item instanceof LiveAlert a) {
            advanceClock(a.at());
            return alerts.add(a.alertId(), a);
        } else if (item instanceof RiskHalo h) {
            advanceClock(h.startsAt());
            return putNew(halos, h.haloId(), h, HALO_LIMIT);
        }
        HotCell c = (HotCell) item;
        HotCell current = cells.get(c.key());
        if (current != null && !c.windowEnd().isAfter(current.windowEnd())) {
            return false;
        }
        cells.remove(c.key()); // re-inserted last: the map stays in update order
        return putNew(cells, c.key(), c, CELL_LIMIT);
    }

    private static <T> boolean putNew(
            LinkedHashMap<String, T> buffer, String id, T value, int limit) {
        if (buffer.containsKey(id)) {
            return false;
        }
        buffer.put(id, value);
        if (buffer.size() > limit) {
            Iterator<String> oldest = buffer.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private void advanceClock(Instant t) {
        if (clock == null || t.isAfter(clock)) {
            clock = t;
        }
    }

    /**
     * Subscribes a client to everything: it receives the snapshot now and each later item as it is
     * published.
     */
    public Subscription subscribe(Subscriber subscriber) {
        return subscribe(subscriber, item -> true);
    }

    /**
     * Subscribes a client that receives only the items {@code filter} accepts (its subscription and
     * its role's rules): its snapshot and later items leave out the others.
     */
    public Subscription subscribe(Subscriber subscriber, Predicate<? super LiveItem> filter) {
        return subscribe(subscriber, filter, LiveSubscription.everything(), null);
    }

    /**
     * Subscribes a client, resuming after {@code resume} when the hub still holds every item
     * message since then, else with a fresh snapshot.
     *
     * @param filter what the client receives
     * @param shown the subscription to echo in the snapshot or resume message
     * @param resume where the client left off, or null for a fresh snapshot
     */
    public Subscription subscribe(
            Subscriber subscriber,
            Predicate<? super LiveItem> filter,
            LiveSubscription shown,
            ResumePoint resume) {
        Predicate<LiveItem> accepts = filter::test;
        synchronized (lock) {
            boolean delivered;
            if (resume != null && canResume(resume)) {
                List<String> missed = new ArrayList<>();
                for (Logged l : log) {
                    if (l.seq() > resume.afterSeq() && accepts.test(l.item())) {
                        missed.add(l.json());
                    }
                }
                delivered =
                        deliver(
                                subscriber,
                                serialize(
                                        new LiveMessage.Resumed(
                                                streamId,
                                                resume.afterSeq(),
                                                seq,
                                                missed.size(),
                                                shown)));
                for (int i = 0; delivered && i < missed.size(); i++) {
                    delivered = deliver(subscriber, missed.get(i));
                }
            } else {
                LiveMessage.SnapshotReason reason =
                        resume == null
                                ? LiveMessage.SnapshotReason.SUBSCRIBE
                                : LiveMessage.SnapshotReason.RESUME_TOO_OLD;
                delivered = deliver(subscriber, serialize(snapshot(accepts, shown, reason)));
            }
            if (delivered) {
                subscribers.put(subscriber, accepts);
            }
        }
        return () -> {
            synchronized (lock) {
                subscribers.remove(subscriber);
            }
        };
    }

    private boolean canResume(ResumePoint resume) {
        long firstKept = log.isEmpty() ? seq + 1 : log.peekFirst().seq();
        return streamId.equals(resume.streamId())
                && resume.afterSeq() <= seq
                && resume.afterSeq() >= firstKept - 1;
    }

    private LiveMessage.Snapshot snapshot(
            Predicate<LiveItem> accepts,
            LiveSubscription shown,
            LiveMessage.SnapshotReason reason) {
        return new LiveMessage.Snapshot(
                streamId,
                seq,
                reason,
                shown,
                recent.values().stream().filter(accepts).toList(),
                alerts.values().stream().filter(accepts).toList(),
                halos.values().stream()
                        .filter(h -> clock == null || h.expiresAt().isAfter(clock))
                        .filter(accepts)
                        .toList(),
                cells.values().stream().filter(HotCell::worthShowing).filter(accepts).toList());
    }

    private static boolean deliver(Subscriber subscriber, String json) {
        try {
            subscriber.deliver(json);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Dropping live subscriber {} after a delivery failure", subscriber, e);
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

    /** The id of this hub's sequence; differs between hubs (and console restarts). */
    public String streamId() {
        return streamId;
    }

    /** The recent events: the newest by event time, oldest first. */
    public List<LiveEvent> recent() {
        synchronized (lock) {
            return recent.values();
        }
    }

    /** The recent alerts: the newest by alert time, oldest first. */
    public List<LiveAlert> recentAlerts() {
        synchronized (lock) {
            return alerts.values();
        }
    }

    /** The sequence number of the newest item, i.e. how many distinct items were published. */
    public long lastSeq() {
        synchronized (lock) {
            return seq;
        }
    }

    /** How many redelivered items were dropped. */
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
     * @param eventsSeen distinct items published (the last sequence number)
     * @param duplicatesDropped redeliveries dropped
     * @param recentEvents events in the recent buffer
     * @param websocketClients current subscribers
     */
    public record Stats(
            long eventsSeen, long duplicatesDropped, int recentEvents, int websocketClients) {}
}
