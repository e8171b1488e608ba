package org.zonestat.console;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Reads the {@code events} topic on a daemon thread and publishes each valid event to a {@link
 * LiveEventHub}.
 *
 * <p>On start it assigns itself every partition of the topic (no consumer group, no committed
 * offsets) and seeks each partition to at most {@code recentLimit} records before its end, which
 * refills the hub's recent buffer without reading years of history; the hub drops redeliveries. It
 * then polls every {@value #POLL_MILLIS} ms, so a new record reaches the hub well within a second.
 * It reads with {@code isolation.level=read_committed}; the events path is written at-least-once
 * without transactions, so its records are visible at once.
 *
 * <p>A record that is not a valid event is logged, counted and skipped; it never stops the thread.
 * Any other failure recreates the consumer after a pause. Partitions added while running are not
 * picked up until the next start.
 *
 * <p>Thread-safe: {@link #start()}, {@link #close()} and {@link #health()} may be called from any
 * thread.
 */
public final class EventsTopicFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventsTopicFeed.class);
    static final long POLL_MILLIS = 100;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);

    private final String bootstrapServers;
    private final String topic;
    private final LiveEventHub hub;
    private final ObjectMapper mapper = ConsoleJson.newMapper();
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile FeedHealth.State state = FeedHealth.State.NEW;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public EventsTopicFeed(String bootstrapServers, String topic, LiveEventHub hub) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.thread = new Thread(this::run, "zonestat-events-feed-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts the consumer thread; returns at once. */
    public synchronized EventsTopicFeed start() {
        if (state != FeedHealth.State.NEW) {
            throw new IllegalStateException("feed already started");
        }
        state = FeedHealth.State.CONNECTING;
        thread.start();
        return this;
    }

    public FeedHealth health() {
        return new FeedHealth(state, topic, recordsRead.get(), malformed.get());
    }

    private void run() {
        try {
            while (running) {
                try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig())) {
                    consumer = c;
                    if (!running) {
                        return; // close() ran before the consumer could be woken up.
                    }
                    consume(c);
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    state = FeedHealth.State.RETRYING;
                    LOG.warn(
                            "Events consumer for '{}' failed; recreating it in {}",
                            topic,
                            RETRY_PAUSE,
                            e);
                    pause(RETRY_PAUSE);
                } finally {
                    consumer = null;
                }
            }
        } finally {
            state = FeedHealth.State.STOPPED;
        }
    }

    private void consume(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> partitions = awaitPartitions(c);
        if (partitions.isEmpty()) {
            return;
        }
        c.assign(partitions);
        Map<TopicPartition, Long> begin = c.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            c.seek(tp, Math.max(begin.get(tp), end.get(tp) - hub.recentLimit()));
        }
        Map<TopicPartition, Long> behind = new HashMap<>(end);
        state = FeedHealth.State.CATCHING_UP;
        LOG.info(
                "Reading '{}' ({} partitions) from {}", topic, partitions.size(), bootstrapServers);
        while (running) {
            ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(POLL_MILLIS));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                handle(r);
            }
            if (!behind.isEmpty()) {
                behind.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                if (behind.isEmpty()) {
                    state = FeedHealth.State.LIVE;
                    LOG.info(
                            "Caught up on '{}': {} events in the recent buffer",
                            topic,
                            hub.recent().size());
                }
            }
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> c) {
        FeedHealth.State logged = null;
        while (running) {
            FeedHealth.State waiting;
            try {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .collect(Collectors.toList());
                }
                waiting = FeedHealth.State.WAITING_FOR_TOPIC;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                waiting = FeedHealth.State.CONNECTING;
            }
            state = waiting;
            if (waiting != logged) {
                if (waiting == FeedHealth.State.CONNECTING) {
                    LOG.info("Waiting for Kafka at {} to answer", bootstrapServers);
                } else {
                    LOG.info("Waiting for topic '{}' to be created on {}", topic, bootstrapServers);
                }
                logged = waiting;
            }
            pause(TOPIC_WAIT);
        }
        return List.of();
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        recordsRead.incrementAndGet();
        LiveEvent event;
        try {
            event = ConsoleJson.parseEvent(mapper, r.value());
        } catch (ConsoleJson.MalformedEventException e) {
            long n = malformed.incrementAndGet();
            if (n <= 10 || n % 1000 == 0) {
                LOG.warn(
                        "Skipping malformed record {}-{}@{} ({} so far): {}",
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        n,
                        e.getMessage());
            }
            return;
        }
        hub.publish(event);
    }

    private void pause(Duration d) {
        try {
            closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "zonestat-ops-console-" + topic);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        return p;
    }

    /** Stops the thread and waits (bounded) for it to close the consumer. Idempotent. */
    @Override
    public void close() {
        running = false;
        closing.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread.isAlive()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = FeedHealth.State.STOPPED;
    }
}
