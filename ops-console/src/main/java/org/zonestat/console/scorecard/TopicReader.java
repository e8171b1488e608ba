package org.zonestat.console.scorecard;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.ConsoleKafka;

/**
 * Reads a whole topic from its beginning on a daemon thread, with {@code
 * isolation.level=read_committed}, and hands every record to a handler: the way the console keeps
 * small derived views (the scorecard, hot cells, action items, 311 requests) in memory and rebuilds
 * them on every start.
 *
 * <p>No consumer group and nothing committed. Waits for the topic to exist; a failure recreates the
 * consumer after a pause and reads from the beginning again (handlers are upserts, so a second pass
 * gives the same view). The handler runs on the reader thread and must not throw; a handler that
 * does is logged and the record skipped.
 *
 * <p>Thread-safe: {@link #lag()}, {@link #recordsRead()} and {@link #caughtUp()} may be called from
 * any thread.
 */
public final class TopicReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final String bootstrapServers;
    private final String topic;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong lag = new AtomicLong(-1);
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public TopicReader(
            String bootstrapServers,
            String topic,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.thread = new Thread(this::run, "zonestat-reader-" + topic);
        this.thread.setDaemon(true);
    }

    public TopicReader start() {
        thread.start();
        return this;
    }

    public String topic() {
        return topic;
    }

    /** Records handed to the handler so far. */
    public long recordsRead() {
        return recordsRead.get();
    }

    /** Records in the topic not read yet (committed ones), or -1 before the first poll. */
    public long lag() {
        return lag.get();
    }

    /** Whether the reader has read everything the topic held when it started. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits (bounded) until {@link #caughtUp()}; returns whether it did. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config())) {
                consumer = c;
                if (!running) {
                    return;
                }
                consume(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Reader of '{}' failed; reading again in {}", topic, RETRY_PAUSE, e);
                pause(RETRY_PAUSE);
            } finally {
                consumer = null;
            }
        }
    }

    private void consume(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = List.of();
        while (running && partitions.isEmpty()) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                pause(Duration.ofSeconds(1));
            } else {
                partitions =
                        infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
        }
        if (!running) {
            return;
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(partitions));
        LOG.info("Reading '{}' ({} partitions) from the beginning", topic, partitions.size());
        while (running) {
            for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                recordsRead.incrementAndGet();
                try {
                    handler.accept(r);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Skipping record {}-{}@{}: {}",
                            topic,
                            r.partition(),
                            r.offset(),
                            e.toString());
                }
            }
            long behind = 0;
            for (TopicPartition tp : partitions) {
                OptionalLong l = c.currentLag(tp);
                behind += l.orElse(0);
            }
            lag.set(behind);
            if (!end.isEmpty()) {
                end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                if (end.isEmpty()) {
                    caughtUp.countDown();
                }
            }
        }
    }

    private Map<String, Object> config() {
        return ConsoleKafka.readCommitted(
                bootstrapServers,
                "zonestat-ops-console-" + topic,
                StringDeserializer.class,
                100,
                2000);
    }

    private void pause(Duration d) {
        try {
            closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the thread and waits (bounded) for it to close the consumer. Idempotent. */
    @Override
    public void close() {
        running = false;
        closing.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
