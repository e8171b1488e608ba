package org.zonestat.console.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.replay.EventTimeIndex.Coverage;
import org.zonestat.console.replay.EventTimeIndex.Stretch;

/**
 * One bounded read of the records of some topics whose timestamps lie in a time span per topic, on
 * the caller's thread, up to each partition's end offset at the time of the call.
 *
 * <p>What it reads of each partition: never what lies before {@code offsetsForTimes(min)} (every
 * record there is older than the span), nor the indexed offsets whose {@link EventTimeIndex} blocks
 * have no timestamp in the span; so the indexed stretches that overlap it, then everything after
 * the indexed end (not indexed yet: the tail, or the whole partition while the index is being
 * built, or when there is no index). Reading seeks from stretch to stretch; records outside the
 * stretches that a fetch brings along are dropped unread.
 *
 * <p>{@code isolation.level=read_committed}: records of aborted or open transactions are never
 * seen. Not thread-safe: one scan, one thread, used once.
 */
final class RangeScan {
    private static final Logger LOG = LoggerFactory.getLogger(RangeScan.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final EventTimeIndex index;
    private final Map<String, Span> spans = new LinkedHashMap<>();
    private long stretches;

    private record Span(
            long minTimestamp, long maxTimestamp, Consumer<ConsumerRecord<byte[], byte[]>> sink) {}

    /**
     * @param index the blocks of the topics read, or null to read each partition from {@code
     *     offsetsForTimes(min)} to its end
     */
    RangeScan(String bootstrapServers, EventTimeIndex index) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.index = index;
    }

    /**
     * Hands {@code sink} every record of {@code topic} read; that is at least every record whose
     * timestamp lies in {@code [minTimestamp, maxTimestamp]}. A topic that does not exist is left
     * out.
     */
    RangeScan add(
            String topic,
            long minTimestamp,
            long maxTimestamp,
            Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        spans.put(topic, new Span(minTimestamp, maxTimestamp, Objects.requireNonNull(sink)));
        return this;
    }

    /** Stretches of offsets the last {@link #run} read, or set out to. */
    long stretches() {
        return stretches;
    }

    /**
     * Reads; gives up, logging the partitions not read to the end, after {@code timeout}.
     *
     * @return records handed to the sinks
     */
    long run(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config())) {
            Map<TopicPartition, Deque<Stretch>> todo = plan(c);
            stretches = todo.values().stream().mapToLong(Deque::size).sum();
            c.assign(todo.keySet());
            todo.forEach((tp, q) -> c.seek(tp, q.peek().from()));
            while (!todo.isEmpty() && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                for (TopicPartition tp : records.partitions()) {
                    Deque<Stretch> q = todo.get(tp);
                    if (q != null) {
                        read += take(c, tp, q, records.records(tp), spans.get(tp.topic()).sink);
                    }
                }
                for (Iterator<Map.Entry<TopicPartition, Deque<Stretch>>> it =
                                todo.entrySet().iterator();
                        it.hasNext(); ) {
                    Map.Entry<TopicPartition, Deque<Stretch>> e = it.next();
                    if (!advance(c, e.getKey(), e.getValue())) {
                        c.pause(List.of(e.getKey()));
                        it.remove();
                    }
                }
            }
            if (!todo.isEmpty()) {
                LOG.warn(
                        "Replay reading stopped after {} with partitions unread: {}",
                        timeout,
                        todo.keySet());
            }
        }
        return read;
    }

    /** The stretches to read of every partition of the topics, in offset order. */
    private Map<TopicPartition, Deque<Stretch>> plan(KafkaConsumer<byte[], byte[]> c) {
        Map<String, List<PartitionInfo>> existing = c.listTopics(METADATA_TIMEOUT);
        List<TopicPartition> all = new ArrayList<>();
        for (String t : spans.keySet()) {
            for (PartitionInfo p : existing.getOrDefault(t, List.of())) {
                all.add(new TopicPartition(t, p.partition()));
            }
        }
        Map<TopicPartition, Deque<Stretch>> todo = new HashMap<>();
        if (all.isEmpty()) {
            return todo;
        }
        // Asked before the end offsets, so that an indexed end past the end can only mean a
        // partition since deleted and made again, not records indexed meanwhile.
        Map<TopicPartition, Coverage> coverage = new HashMap<>();
        if (index != null) {
            for (TopicPartition tp : all) {
                Span span = spans.get(tp.topic());
                coverage.put(tp, index.covering(tp, span.minTimestamp, span.maxTimestamp));
            }
        }
        Map<TopicPartition, Long> begin = c.beginningOffsets(all, METADATA_TIMEOUT);
        Map<TopicPartition, Long> end = c.endOffsets(all, METADATA_TIMEOUT);
        Map<TopicPartition, Long> times = new HashMap<>();
        all.forEach(tp -> times.put(tp, Math.max(0, spans.get(tp.topic()).minTimestamp)));
        Map<TopicPartition, OffsetAndTimestamp> byTime = c.offsetsForTimes(times, METADATA_TIMEOUT);
        for (TopicPartition tp : all) {
            OffsetAndTimestamp first = byTime.get(tp);
            long lower = Math.max(begin.get(tp), first == null ? end.get(tp) : first.offset());
            long upper = end.get(tp);
            Deque<Stretch> q = new ArrayDeque<>();
            Coverage cov = coverage.get(tp);
            // An indexed end past the end: the partition was made again; read it as before.
            if (cov != null && cov.indexedEnd() <= upper) {
                for (Stretch s : cov.stretches()) {
                    append(q, Math.max(lower, s.from()), Math.min(upper, s.to()));
                }
                lower = Math.max(lower, cov.indexedEnd());
            }
            append(q, lower, upper);
            if (!q.isEmpty()) {
                todo.put(tp, q);
            }
        }
        return todo;
    }

    private static void append(Deque<Stretch> q, long from, long to) {
        if (from >= to) {
            return;
        }
        Stretch last = q.peekLast();
        if (last != null && last.to() >= from) {
            q.pollLast();
            q.addLast(new Stretch(last.from(), Math.max(last.to(), to)));
        } else {
            q.addLast(new Stretch(from, to));
        }
    }

    /**
     * Hands on the fetched records of {@code tp} that lie in its stretches; a record between two
     * stretches makes the consumer seek to the next one (dropping the rest of the fetch).
     */
    private static long take(
            KafkaConsumer<byte[], byte[]> c,
            TopicPartition tp,
            Deque<Stretch> q,
            List<ConsumerRecord<byte[], byte[]>> records,
            Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        long taken = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            while (!q.isEmpty() && r.offset() >= q.peek().to()) {
                q.poll();
            }
            if (q.isEmpty()) {
                return taken;
            }
            if (r.offset() < q.peek().from()) {
                c.seek(tp, q.peek().from());
                return taken;
            }
            taken++;
            sink.accept(r);
        }
        return taken;
    }

    /**
     * Drops the stretches of {@code tp} the consumer has passed and seeks to the next one when it
     * stands before it.
     *
     * @return whether anything is left to read
     */
    private static boolean advance(
            KafkaConsumer<byte[], byte[]> c, TopicPartition tp, Deque<Stretch> q) {
        long position = c.position(tp, METADATA_TIMEOUT);
        while (!q.isEmpty() && position >= q.peek().to()) {
            q.poll();
        }
        if (q.isEmpty()) {
            return false;
        }
        if (position < q.peek().from()) {
            c.seek(tp, q.peek().from());
        }
        return true;
    }

    private Map<String, Object> config() {
        Map<String, Object> p =
                consumerConfig(
                        bootstrapServers,
                        "zonestat-ops-console-replay",
                        ByteArrayDeserializer.class);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POLL.toMillis());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return p;
    }

    /**
     * The settings of the replay's consumers: no group, nothing committed, {@code read_committed},
     * keys and values read with {@code deserializer}, a position before the log's start moved to
     * its start.
     */
    static Map<String, Object> consumerConfig(
            String bootstrapServers, String clientId, Class<?> deserializer) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, deserializer);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }
}
