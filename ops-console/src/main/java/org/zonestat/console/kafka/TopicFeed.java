package org.zonestat.console.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.topics.MalformedMessageException;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.TopicMessage;
import org.zonestat.topics.Topics;

/**
 * The console's one Kafka reader: a single consumer reads every subscribed topic once, reads each
 * record as its topic's message ({@link TopicCodec}) once, and hands it to every handler subscribed
 * to the topic, so the live hub, the scorecard, the Open311 requests and the other views built from
 * one topic share one read of it.
 *
 * <p>How it reads: no consumer group and nothing committed; {@code isolation.level=read_committed},
 * so records of aborted or open transactions are never seen. Each subscription says where it starts
 * ({@link StartAt}); the consumer starts each partition where its earliest subscription does, and a
 * record goes only to the subscriptions that start at or before it. A topic that does not exist yet
 * is looked for again every {@value #LOOKUP_MILLIS} ms. A record that is not a valid message is
 * logged, counted in its topic's {@link TopicProgress} and skipped; a null value is a tombstone for
 * subscriptions that take them ({@link #subscribeWithTombstones}) and malformed for the others.
 * Messages up to {@link Topics#ZONES_MAX_MESSAGE_BYTES} are read (zone layers).
 *
 * <p>Two ways to run. {@link #start()} reads on a daemon thread until {@link #close()}: the live
 * views. A failure recreates the consumer after a pause and reads again from each subscription's
 * start, which handlers tolerate (they upsert, or drop redeliveries by id). {@link #readToEnd}
 * reads on the caller's thread up to the end offsets of the moment and returns: a replay of a time
 * range. Partitions added to a topic while the feed runs are read from its next start.
 *
 * <p>Thread-safe: subscribe before running; {@link #state()}, {@link #progress} and {@link
 * #close()} may be called from any thread. Handlers run on the reading thread.
 */
public final class TopicFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
    static final long POLL_MILLIS = 100;
    static final long LOOKUP_MILLIS = 1000;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    /** The reading thread's life cycle. */
    public enum State {
        /** Created, not started. */
        NEW,
        /** Kafka has not answered yet (not reachable, or still starting). */
        CONNECTING,
        /** Kafka answers; subscribed topics are read as they exist. */
        RUNNING,
        /** The consumer failed and will be recreated shortly. */
        RETRYING,
        /** Closed. */
        STOPPED
    }

    private final String bootstrapServers;
    private final String clientId;
    private final Map<String, TopicReading<?>> topics = new LinkedHashMap<>();
    private final ConsumerThread reader = new ConsumerThread();
    private volatile State state = State.NEW;

    /**
     * @param clientId names the consumer in the broker's logs and metrics
     */
    public TopicFeed(String bootstrapServers, String clientId) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
    }

    /**
     * Hands every record of {@code topic} from {@code start} on, read as {@code type}, to {@code
     * handler}. Every subscription of one topic reads it as the same type.
     *
     * @return the topic's progress (shared by its subscriptions)
     */
    public <T extends TopicMessage> TopicProgress subscribe(
            String topic, Class<T> type, StartAt start, TopicHandler<T> handler) {
        return add(topic, type, start, handler, false);
    }

    /**
     * As {@link #subscribe}, for a compacted topic: a record without a value (a tombstone, "this
     * key is gone") reaches the handler with a null value.
     */
    public <T extends TopicMessage> TopicProgress subscribeWithTombstones(
            String topic, Class<T> type, StartAt start, TopicHandler<T> handler) {
        return add(topic, type, start, handler, true);
    }

    private synchronized <T extends TopicMessage> TopicProgress add(
            String topic,
            Class<T> type,
            StartAt start,
            TopicHandler<T> handler,
            boolean tombstones) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(handler, "handler");
        if (state != State.NEW) {
            throw new IllegalStateException("subscribe before the feed starts reading");
        }
        TopicReading<?> reading = topics.computeIfAbsent(topic, t -> new TopicReading<>(t, type));
        if (reading.type != type) {
            throw new IllegalArgumentException(
                    "topic '"
                            + topic
                            + "' is read as "
                            + reading.type.getSimpleName()
                            + ", not "
                            + type.getSimpleName());
        }
        @SuppressWarnings("unchecked")
        TopicReading<T> typed = (TopicReading<T>) reading;
        typed.subscriptions.add(new Subscription<>(start, handler, tombstones));
        return reading.progress;
    }

    /** The progress of a subscribed topic. */
    public synchronized TopicProgress progress(String topic) {
        TopicReading<?> reading = topics.get(topic);
        if (reading == null) {
            throw new IllegalArgumentException("topic '" + topic + "' is not subscribed");
        }
        return reading.progress;
    }

    public State state() {
        return state;
    }

    /** Starts reading on a daemon thread; returns at once. */
    public synchronized TopicFeed start() {
        if (state != State.NEW) {
            throw new IllegalStateException("the feed was started already");
        }
        state = State.CONNECTING;
        reader.start("zonestat-topic-feed-" + clientId, this::run);
        return this;
    }

    /**
     * Reads on this thread from each subscription's start up to each partition's end offset at the
     * time of the call, then returns (a topic that does not exist is left out). Gives up, logging
     * the partitions not read to their end, after {@code timeout}.
     *
     * @return records read
     */
    public long readToEnd(Duration timeout) {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("the feed was started already");
            }
            state = State.RUNNING;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config())) {
            reader.consumer(c);
            Map<String, List<PartitionInfo>> existing = c.listTopics(METADATA_TIMEOUT);
            Map<TopicPartition, Long> end = assign(c, partitions(existing, topics.keySet()), true);
            while (!end.isEmpty() && reader.running() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(POLL_MILLIS))) {
                    read++;
                    dispatch(r);
                }
                end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
            }
            if (!end.isEmpty() && reader.running()) {
                LOG.warn(
                        "Reading to the end stopped after {} with partitions unread: {}",
                        timeout,
                        end.keySet());
            }
        } catch (WakeupException e) {
            // closed while reading
        } finally {
            reader.consumer(null);
            state = State.STOPPED;
        }
        return read;
    }

    private void run() {
        try {
            while (reader.running()) {
                try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config())) {
                    reader.consumer(c);
                    if (!reader.running()) {
                        return; // close() ran before the consumer could be woken up.
                    }
                    consume(c);
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!reader.running()) {
                        return;
                    }
                    state = State.RETRYING;
                    LOG.warn(
                            "Consumer '{}' of {} failed; recreating it in {}",
                            clientId,
                            topics.keySet(),
                            RETRY_PAUSE,
                            e);
                    reader.pause(RETRY_PAUSE);
                } finally {
                    reader.consumer(null);
                    topics.values().forEach(t -> t.progress.found(false));
                }
            }
        } finally {
            state = State.STOPPED;
        }
    }

    private void consume(KafkaConsumer<byte[], byte[]> c) {
        if (state != State.RUNNING) {
            state = State.CONNECTING;
        }
        Set<String> missing = new HashSet<>(topics.keySet());
        Map<TopicPartition, Long> behind = new HashMap<>();
        long nextLookup = System.nanoTime();
        while (reader.running()) {
            if (!missing.isEmpty() && System.nanoTime() >= nextLookup) {
                List<TopicPartition> found = lookUp(c, missing);
                if (!found.isEmpty()) {
                    behind.putAll(assign(c, found, false));
                }
                nextLookup = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOOKUP_MILLIS);
            }
            if (c.assignment().isEmpty()) {
                reader.pause(Duration.ofMillis(LOOKUP_MILLIS));
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(POLL_MILLIS))) {
                dispatch(r);
            }
            measure(c, behind);
        }
    }

    /** The partitions of the {@code missing} topics that exist now; found topics leave the set. */
    private List<TopicPartition> lookUp(KafkaConsumer<byte[], byte[]> c, Set<String> missing) {
        Map<String, List<PartitionInfo>> existing;
        try {
            existing = c.listTopics(METADATA_TIMEOUT);
        } catch (TimeoutException e) {
            if (state != State.RUNNING) {
                LOG.debug("Kafka at {} does not answer yet", bootstrapServers);
            }
            return List.of();
        }
        if (state != State.RUNNING) {
            state = State.RUNNING;
            LOG.info("Reading {} from {}", topics.keySet(), bootstrapServers);
        }
        List<TopicPartition> found = partitions(existing, missing);
        found.stream().map(TopicPartition::topic).distinct().forEach(missing::remove);
        return found;
    }

    private static List<TopicPartition> partitions(
            Map<String, List<PartitionInfo>> existing, Collection<String> wanted) {
        List<TopicPartition> out = new ArrayList<>();
        for (String t : wanted) {
            for (PartitionInfo p : existing.getOrDefault(t, List.of())) {
                out.add(new TopicPartition(t, p.partition()));
            }
        }
        return out;
    }

    /**
     * Works out where each subscription starts in the {@code fresh} partitions, assigns them beside
     * those already read and seeks each to its earliest start; returns their end offsets of now.
     *
     * @param bounded leave out partitions with nothing to read from their start to their end
     */
    private Map<TopicPartition, Long> assign(
            KafkaConsumer<byte[], byte[]> c, List<TopicPartition> fresh, boolean bounded) {
        Map<TopicPartition, Long> begin = c.beginningOffsets(fresh, METADATA_TIMEOUT);
        Map<TopicPartition, Long> end = c.endOffsets(fresh, METADATA_TIMEOUT);
        Map<TopicPartition, Long> seek = new HashMap<>();
        for (TopicReading<?> t : topics.values()) {
            List<TopicPartition> mine =
                    fresh.stream().filter(tp -> tp.topic().equals(t.topic)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            for (Subscription<?> s : t.subscriptions) {
                s.starts(c, mine, begin, end);
                mine.forEach(tp -> seek.merge(tp, s.starts.get(tp), Math::min));
            }
            t.progress.found(true);
            if (!bounded) {
                LOG.info("Reading '{}' ({} partitions)", t.topic, mine.size());
            }
        }
        Map<TopicPartition, Long> toRead = new HashMap<>();
        for (TopicPartition tp : fresh) {
            if (!bounded || seek.get(tp) < end.get(tp)) {
                toRead.put(tp, end.get(tp));
            }
        }
        List<TopicPartition> all = new ArrayList<>(c.assignment());
        all.addAll(toRead.keySet());
        c.assign(all);
        toRead.keySet().forEach(tp -> c.seek(tp, seek.get(tp)));
        return toRead;
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> r) {
        TopicReading<?> t = topics.get(r.topic());
        t.progress.read();
        t.dispatch(r);
    }

    /**
     * Lag of every topic read; a topic whose partitions all reached their first end is caught up.
     */
    private void measure(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> behind) {
        behind.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
        Map<String, Long> lag = new HashMap<>();
        for (TopicPartition tp : c.assignment()) {
            OptionalLong l = c.currentLag(tp);
            lag.merge(tp.topic(), l.orElse(0), Long::sum);
        }
        lag.forEach((topic, records) -> topics.get(topic).progress.lag(records));
        for (TopicReading<?> t : topics.values()) {
            if (t.progress.found()
                    && !t.progress.caughtUp()
                    && behind.keySet().stream().noneMatch(tp -> tp.topic().equals(t.topic))) {
                t.progress.reachedEnd();
            }
        }
    }

    private Map<String, Object> config() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POLL_MILLIS);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.ZONES_MAX_MESSAGE_BYTES);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Topics.ZONES_MAX_MESSAGE_BYTES);
        return p;
    }

    /** Stops reading and waits (bounded) for the thread to close the consumer. Idempotent. */
    @Override
    public void close() {
        reader.close();
        state = State.STOPPED;
    }

    /** One topic: its message type, its subscriptions and its progress. */
    private static final class TopicReading<T extends TopicMessage> {
        final String topic;
        final Class<T> type;
        final List<Subscription<T>> subscriptions = new ArrayList<>();
        final TopicProgress progress;

        TopicReading(String topic, Class<T> type) {
            this.topic = topic;
            this.type = type;
            this.progress = new TopicProgress(topic);
        }

        void dispatch(ConsumerRecord<byte[], byte[]> r) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            List<Subscription<T>> due = new ArrayList<>(subscriptions.size());
            for (Subscription<T> s : subscriptions) {
                if (r.offset() >= s.starts.getOrDefault(tp, Long.MAX_VALUE)) {
                    due.add(s);
                }
            }
            if (due.isEmpty()) {
                return;
            }
            T value = null;
            if (r.value() != null) {
                try {
                    value = TopicCodec.decode(r.topic(), r.value(), type);
                } catch (MalformedMessageException e) {
                    malformed(r, due, e.reason());
                    return;
                }
            } else if (due.stream().noneMatch(s -> s.tombstones)) {
                malformed(r, due, "the record has no value");
                return;
            }
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            TopicRecord<T> record =
                    new TopicRecord<>(
                            r.topic(), r.partition(), r.offset(), r.timestamp(), key, value);
            for (Subscription<T> s : due) {
                if (value == null && !s.tombstones) {
                    continue;
                }
                try {
                    s.handler.accept(record);
                } catch (RuntimeException e) {
                    LOG.warn("Skipping record {}: {}", record.where(), e.toString());
                }
            }
        }

        private void malformed(
                ConsumerRecord<byte[], byte[]> r, List<Subscription<T>> due, String reason) {
            String where = r.topic() + "-" + r.partition() + "@" + r.offset();
            for (Subscription<T> s : due) {
                s.handler.malformed(where, r.partition(), r.offset(), reason);
            }
            long n = progress.malformed();
            if (n <= 10 || n % 1000 == 0) {
                LOG.warn(
                        "Skipping malformed record {}-{}@{} ({} so far): {}",
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        n,
                        reason);
            }
        }
    }

    /** One handler of a topic and where it starts in each partition. */
    private static final class Subscription<T> {
        final StartAt start;
        final TopicHandler<T> handler;
        final boolean tombstones;
        final Map<TopicPartition, Long> starts = new HashMap<>();

        Subscription(StartAt start, TopicHandler<T> handler, boolean tombstones) {
            this.start = start;
            this.handler = handler;
            this.tombstones = tombstones;
        }

        void starts(
                KafkaConsumer<byte[], byte[]> c,
                List<TopicPartition> partitions,
                Map<TopicPartition, Long> begin,
                Map<TopicPartition, Long> end) {
            Map<TopicPartition, OffsetAndTimestamp> byTime = Map.of();
            if (start instanceof StartAt.Time t) {
                Map<TopicPartition, Long> times = new HashMap<>();
                long millis = Math.max(0, t.time().toEpochMilli());
                partitions.forEach(tp -> times.put(tp, millis));
                byTime = c.offsetsForTimes(times, METADATA_TIMEOUT);
            }
            for (TopicPartition tp : partitions) {
                long offset;
                if (start instanceof StartAt.Recent r) {
                    offset = Math.max(begin.get(tp), end.get(tp) - r.records());
                } else if (start instanceof StartAt.Time) {
                    OffsetAndTimestamp o = byTime.get(tp);
                    offset = o == null ? end.get(tp) : o.offset();
                } else {
                    offset = begin.get(tp);
                }
                starts.put(tp, offset);
            }
        }
    }
}
