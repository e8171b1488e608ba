package org.zonestat.console.replay;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.kafka.ConsumerThread;

/**
 * Follows the replayed topics and keeps their {@link EventTimeIndex}: from the start of every
 * partition (or where the index stopped), then every record as it is committed. Only offsets and
 * record timestamps are read (a record's timestamp is the event time its message is about): keys
 * and values are neither copied nor decoded.
 *
 * <p>A topic whose broker stamps the records, or refuses old timestamps, is not indexed: its
 * replays read it as without an index.
 *
 * <p>At start-up the whole history is read once, which takes a few seconds for millions of records
 * ({@link #built}); a replay meanwhile reads what is not indexed yet as it would without an index,
 * so it stays correct and only gets faster. Reading is {@code read_committed}, like the replay's
 * own, so the index covers the offsets up to the last stable offset. A topic that does not exist
 * yet, and partitions added later, are looked for every {@value #LOOKUP_MILLIS} ms; a partition
 * whose end is now before the indexed end, or that is read from before it (deleted and made again)
 * is indexed afresh. A failure recreates the consumer after a pause, which carries on where the
 * index stopped.
 *
 * <p>Thread-safe: {@link #start()} once, the getters and {@link #close()} from any thread.
 */
public final class EventTimeIndexer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventTimeIndexer.class);
    static final long LOOKUP_MILLIS = 2000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final List<String> topics;
    private final EventTimeIndex index;
    // Per topic, read on the indexing thread only: whether its record timestamps are event times.
    private final Map<String, Boolean> eventTimeStamps = new HashMap<>();
    private final ConsumerThread reader = new ConsumerThread();
    private volatile long builtMillis = -1;

    /**
     * @param topics the topics to index; one that does not exist yet is indexed once it does
     * @param index where the blocks go
     */
    public EventTimeIndexer(String bootstrapServers, List<String> topics, EventTimeIndex index) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topics = List.copyOf(topics);
        this.index = Objects.requireNonNull(index, "index");
    }

    public EventTimeIndex index() {
        return index;
    }

    /** Whether the history there was at start-up is indexed. */
    public boolean built() {
        return builtMillis >= 0;
    }

    /** How long indexing the history there was at start-up took, or -1 while it runs. */
    public long builtMillis() {
        return builtMillis;
    }

    /** Starts following on a daemon thread; returns at once. */
    public EventTimeIndexer start() {
        reader.start("zonestat-replay-index", this::run);
        return this;
    }

    private void run() {
        long started = System.nanoTime();
        Map<TopicPartition, Long> startEnds = null;
        while (reader.running()) {
            try (KafkaConsumer<Void, Void> c = new KafkaConsumer<>(config())) {
                reader.consumer(c);
                if (!reader.running()) {
                    return;
                }
                long nextLookup = 0;
                while (reader.running()) {
                    if (System.nanoTime() >= nextLookup) {
                        Map<TopicPartition, Long> ends = follow(c);
                        if (startEnds == null && !ends.isEmpty()) {
                            startEnds = ends;
                        }
                        nextLookup =
                                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOOKUP_MILLIS);
                    }
                    if (c.assignment().isEmpty()) {
                        reader.pause(POLL);
                        continue;
                    }
                    ConsumerRecords<Void, Void> records = c.poll(POLL);
                    for (TopicPartition tp : records.partitions()) {
                        List<ConsumerRecord<Void, Void>> batch = records.records(tp);
                        if (batch.get(0).offset() < index.indexedEnd(tp)) {
                            // The log went back (made again, read from its start): start over.
                            LOG.info(
                                    "{} is read again from {}: indexing it afresh",
                                    tp,
                                    batch.get(0).offset());
                            index.reset(tp);
                        }
                        for (ConsumerRecord<Void, Void> r : batch) {
                            index.add(tp, r.offset(), r.timestamp());
                        }
                    }
                    for (TopicPartition tp : c.assignment()) {
                        index.indexedTo(tp, c.position(tp));
                    }
                    if (builtMillis < 0
                            && startEnds != null
                            && startEnds.entrySet().stream()
                                    .allMatch(e -> index.indexedEnd(e.getKey()) >= e.getValue())) {
                        builtMillis = (System.nanoTime() - started) / 1_000_000;
                        LOG.info(
                                "Replay index of {} built: {} records in {} blocks, {} ms",
                                topics,
                                index.records(),
                                index.blocks(),
                                builtMillis);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!reader.running()) {
                    return;
                }
                LOG.warn("Replay index of {} failed; carrying on in {}", topics, RETRY_PAUSE, e);
                reader.pause(RETRY_PAUSE);
            } finally {
                reader.consumer(null);
            }
        }
    }

    /**
     * Assigns the partitions of the topics that exist now beside those already followed, each from
     * where the index stopped; returns the end offsets of all of them.
     */
    private Map<TopicPartition, Long> follow(KafkaConsumer<Void, Void> c) {
        Map<String, List<PartitionInfo>> existing = c.listTopics(METADATA_TIMEOUT);
        List<TopicPartition> all = new ArrayList<>();
        for (String t : topics) {
            if (existing.containsKey(t) && !stampedWithEventTimes(t)) {
                continue;
            }
            for (PartitionInfo p : existing.getOrDefault(t, List.of())) {
                all.add(new TopicPartition(t, p.partition()));
            }
        }
        if (all.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> begin = c.beginningOffsets(all, METADATA_TIMEOUT);
        Map<TopicPartition, Long> end = c.endOffsets(all, METADATA_TIMEOUT);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : all) {
            boolean remade = index.indexedEnd(tp) > end.get(tp);
            if (remade) {
                LOG.info("{} ends before its indexed end: indexing it afresh", tp);
                index.reset(tp);
            }
            if (remade || !c.assignment().contains(tp)) {
                fresh.add(tp);
            }
        }
        if (!fresh.isEmpty()) {
            List<TopicPartition> assigned = new ArrayList<>(c.assignment());
            fresh.stream().filter(tp -> !assigned.contains(tp)).forEach(assigned::add);
            c.assign(assigned);
            for (TopicPartition tp : fresh) {
                c.seek(tp, Math.max(begin.get(tp), index.indexedEnd(tp)));
            }
        }
        return new HashMap<>(end);
    }

    /**
     * Whether {@code topic} keeps the timestamps its writers give (the event times): not when the
     * broker stamps records itself ({@code LogAppendTime}), nor when it refuses old timestamps
     * ({@code message.timestamp.before.max.ms}), which makes the job stamp old records younger than
     * their events. Such a topic is not indexed, and replays read it as without an index. Asked
     * once per topic; when the brokers cannot be asked, asked again at the next lookup.
     */
    private boolean stampedWithEventTimes(String topic) {
        Boolean known = eventTimeStamps.get(topic);
        if (known != null) {
            return known;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config;
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            config =
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get(METADATA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .get(resource);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Cannot read the settings of '{}' yet: {}", topic, e.toString());
            return false;
        } catch (InterruptedException e) {
            reader.interrupted();
            return false;
        }
        ConfigEntry type = config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        ConfigEntry beforeMax = config.get(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG);
        boolean eventTimes =
                (type == null || !"LogAppendTime".equals(type.value()))
                        && (beforeMax == null
                                || Long.parseLong(beforeMax.value()) == Long.MAX_VALUE);
        if (!eventTimes) {
            LOG.warn(
                    "'{}' does not keep event times as record timestamps ({}, {}): its replays"
                            + " read it without an index",
                    topic,
                    type == null ? "" : type.value(),
                    beforeMax == null ? "" : beforeMax.value());
        }
        eventTimeStamps.put(topic, eventTimes);
        return eventTimes;
    }

    private Map<String, Object> config() {
        Map<String, Object> p =
                RangeScan.consumerConfig(
                        bootstrapServers, "zonestat-ops-console-replay-index", Skipped.class);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return p;
    }

    /** Stops following and waits (bounded) for the thread to close its consumer. Idempotent. */
    @Override
    public void close() {
        reader.close();
    }

    /** Reads nothing of a key or value: the index needs only offsets and timestamps. */
    public static final class Skipped implements Deserializer<Void> {
        @Override
        public Void deserialize(String topic, byte[] data) {
            return null;
        }

        @Override
        public Void deserialize(String topic, Headers headers, byte[] data) {
            return null;
        }

        @Override
        public Void deserialize(String topic, Headers headers, ByteBuffer data) {
            return null;
        }
    }
}
