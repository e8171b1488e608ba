package org.zonestat.sim.backfill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.zonestat.sim.RawEvent;
import org.zonestat.topics.HistoryHeaders;
import org.zonestat.topics.LoadMessage;
import org.zonestat.topics.TopicCodec;

/**
 * Publishes records with a batching, idempotent Kafka producer ({@code acks=all}, 256 KiB batches,
 * 10 ms linger): as fast as the broker takes them. The record key is the source id; the value the
 * raw JSON, which carries the original event time in {@code occurredAt}. The Kafka timestamp is the
 * time of publishing (the pipeline reads it as "received", e.g. for its future-timestamp check). A
 * backfill's publisher ({@link #forLoad}) marks every record with its load's id ({@link
 * HistoryHeaders#LOAD}) and keeps the range of offsets its records occupy in each partition.
 *
 * <p>One thread sends; delivery callbacks run on the producer's thread and only record failures.
 */
public final class KafkaRecordPublisher implements RecordPublisher {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong failures = new AtomicLong();
    private final String loadId;
    private final Map<Integer, long[]> ranges = new ConcurrentSkipListMap<>();

    /** A live feed's publisher: records without a load. */
    public KafkaRecordPublisher(String bootstrapServers) {
        this(bootstrapServers, null);
    }

    /** A backfill's publisher: every record carries {@code loadId}. */
    public static KafkaRecordPublisher forLoad(String bootstrapServers, String loadId) {
        return new KafkaRecordPublisher(
                bootstrapServers, java.util.Objects.requireNonNull(loadId, "loadId"));
    }

    private KafkaRecordPublisher(String bootstrapServers, String loadId) {
        this.bootstrapServers = bootstrapServers;
        this.loadId = loadId;
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers));
    }

    /** The producer's settings (string keys and values), for anything that must publish alike. */
    public static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(ADMIN_TIMEOUT.toMillis()));
        return p;
    }

    /** Checks that {@code topic} exists: the demo's broker does not create topics on first use. */
    @Override
    public void requireTopic(String topic) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(p)) {
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException(
                        "topic "
                                + topic
                                + " does not exist on "
                                + bootstrapServers
                                + " (start ./zonestat demo, or create it)");
            }
            throw new IllegalStateException(
                    "cannot reach Kafka at " + bootstrapServers + ": " + e.getCause().getMessage(),
                    e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "cannot reach Kafka at "
                            + bootstrapServers
                            + " within "
                            + ADMIN_TIMEOUT.toSeconds()
                            + " s",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void send(String topic, RawEvent record) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, record.key(), record.json());
        if (loadId != null) {
            r.headers().add(HistoryHeaders.LOAD, HistoryHeaders.bytes(loadId));
        }
        producer.send(
                r,
                (md, ex) -> {
                    if (ex != null) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, ex);
                    } else if (loadId != null) {
                        ranges.merge(
                                md.partition(),
                                new long[] {md.offset(), md.offset()},
                                (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                    }
                });
    }

    @Override
    public List<LoadMessage.OffsetRange> ranges() {
        List<LoadMessage.OffsetRange> list = new ArrayList<>();
        ranges.forEach((p, r) -> list.add(new LoadMessage.OffsetRange(p, r[0], r[1])));
        return list;
    }

    @Override
    public void announce(String historyTopic, LoadMessage load) {
        try {
            producer.send(
                            new ProducerRecord<>(
                                    historyTopic,
                                    null,
                                    load.timestamp().toEpochMilli(),
                                    load.key(),
                                    TopicCodec.encodeToString(load)))
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot write load " + load.loadId() + " to " + historyTopic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void flush() {
        producer.flush();
        Exception first = firstFailure.get();
        if (first != null) {
            throw new IllegalStateException(
                    failures.get()
                            + " records could not be published to "
                            + bootstrapServers
                            + ": "
                            + first.getMessage(),
                    first);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
