package org.zonestat.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.geo.ZoneCatalog;

/**
 * Reads the {@code events} topic, and optionally {@code alerts} and {@code hotspots}, on a daemon
 * thread and publishes each valid event, alert, risk halo and hot-spot cell to a {@link
 * LiveEventHub}. Hot-spot cells get the zones of their centre from the catalog; the other {@code
 * hotspots} record types are read and skipped.
 *
 * <p>On start it assigns itself every partition of the topics (no consumer group, no committed
 * offsets) and seeks each partition to at most {@code recentLimit} records before its end ({@value
 * #HOTSPOTS_LOOKBACK} for {@code hotspots}, where one window writes a record per active cell),
 * which refills the hub's buffers without reading years of history; the hub drops redeliveries. It
 * then polls every {@value #POLL_MILLIS} ms, so a new record reaches the hub well within a second.
 * It reads with {@code isolation.level=read_committed}: {@code hotspots} is written in transactions
 * and only committed records are shown; the events and alerts paths are written at-least-once
 * without transactions, so their records are visible at once. It waits for the events topic; an
 * alerts or hotspots topic that does not exist yet is looked for again every {@value
 * #MISSING_TOPIC_RETRY_MILLIS} ms.
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
    static final int HOTSPOTS_LOOKBACK = 5000;
    static final long MISSING_TOPIC_RETRY_MILLIS = 5000;

    private final String bootstrapServers;
    private final String topic;
    private final String alertsTopic;
    private final String hotspotsTopic;
    private final Supplier<ZoneCatalog> catalog;
    private final LiveEventHub hub;
    private final ObjectMapper mapper = ConsoleJson.newMapper();
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile FeedHealth.State state = FeedHealth.State.NEW;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /** A feed of the events topic only. */
    public EventsTopicFeed(String bootstrapServers, String topic, LiveEventHub hub) {
        this(bootstrapServers, topic, null, null, null, hub);
    }

    /**
     * @param topic the events topic
     * @param alertsTopic the alerts topic, or null to read none
     * @param hotspotsTopic the hotspots topic, or null to read none
     * @param catalog the layers as they are now, which tag hot-spot cells with zones; null leaves
     *     them untagged
     */
    public EventsTopicFeed(
            String bootstrapServers,
            String topic,
            String alertsTopic,
            String hotspotsTopic,
            Supplier<ZoneCatalog> catalog,
            LiveEventHub hub) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.alertsTopic = alertsTopic;
        this.hotspotsTopic = hotspotsTopic;
        this.catalog = catalog;
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
        List<TopicPartition> partitions = new ArrayList<>(awaitPartitions(c));
        if (partitions.isEmpty()) {
            return;
        }
        Set<String> missing = new LinkedHashSet<>();
        for (String other : new String[] {alertsTopic, hotspotsTopic}) {
            if (other != null) {
                missing.add(other);
            }
        }
        partitions.addAll(findPartitions(c, missing));
        Map<TopicPartition, Long> end = assignNear(c, partitions, List.of());
        long lastLookup = System.nanoTime();
        Map<TopicPartition, Long> behind = new HashMap<>(end);
        state = FeedHealth.State.CATCHING_UP;
        LOG.info(
                "Reading '{}' ({} partitions) from {}", topic, partitions.size(), bootstrapServers);
        while (running) {
            if (!missing.isEmpty()
                    && System.nanoTime() - lastLookup
                            > TimeUnit.MILLISECONDS.toNanos(MISSING_TOPIC_RETRY_MILLIS)) {
                lastLookup = System.nanoTime();
                List<TopicPartition> found = findPartitions(c, missing);
                if (!found.isEmpty()) {
                    List<TopicPartition> all = new ArrayList<>(c.assignment());
                    all.addAll(found);
                    assignNear(c, all, found);
                }
            }
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

    /**
     * Assigns {@code all}; seeks {@code fresh} (every partition if empty) back from its end and
     * returns their end offsets.
     */
    private Map<TopicPartition, Long> assignNear(
            KafkaConsumer<byte[], byte[]> c, List<TopicPartition> all, List<TopicPartition> fresh) {
        List<TopicPartition> seekable = fresh.isEmpty() ? all : fresh;
        c.assign(all);
        Map<TopicPartition, Long> begin = c.beginningOffsets(seekable);
        Map<TopicPartition, Long> end = c.endOffsets(seekable);
        for (TopicPartition tp : seekable) {
            long back = tp.topic().equals(hotspotsTopic) ? HOTSPOTS_LOOKBACK : hub.recentLimit();
            c.seek(tp, Math.max(begin.get(tp), end.get(tp) - back));
        }
        return end;
    }

    /** The partitions of those {@code topics} that exist now; found topics leave the set. */
    private List<TopicPartition> findPartitions(
            KafkaConsumer<byte[], byte[]> c, Set<String> topics) {
        List<TopicPartition> found = new ArrayList<>();
        for (Iterator<String> it = topics.iterator(); it.hasNext(); ) {
            String t = it.next();
            try {
                List<PartitionInfo> infos = c.partitionsFor(t, Duration.ofSeconds(2));
                if (infos != null && !infos.isEmpty()) {
                    infos.forEach(p -> found.add(new TopicPartition(p.topic(), p.partition())));
                    it.remove();
                    LOG.info("Reading '{}' ({} partitions) too", t, infos.size());
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.debug("Topic '{}' not found yet", t);
            }
        }
        return found;
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
        LiveItem item;
        try {
            if (r.topic().equals(topic)) {
                item = ConsoleJson.parseEvent(mapper, r.value());
            } else if (r.topic().equals(alertsTopic)) {
                item = ConsoleJson.parse(mapper, r.value(), LiveAlert.class);
            } else {
                item = ConsoleJson.parseHotspot(mapper, r.value());
                if (item instanceof HotCell cell && catalog != null) {
                    item = cell.withZones(catalog.get().tag(cell.lon(), cell.lat()));
                }
            }
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
        if (item != null) {
            hub.publish(item);
        }
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
        return ConsoleKafka.readCommitted(
                bootstrapServers,
                "zonestat-ops-console-" + topic,
                ByteArrayDeserializer.class,
                100,
                1000);
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
