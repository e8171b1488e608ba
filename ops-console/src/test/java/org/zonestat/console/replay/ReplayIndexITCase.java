package org.zonestat.console.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.console.LiveEvent;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.TopicCodec;

/**
 * A replay of an old week appended after recent history, through the event-time index, against the
 * embedded broker: exactly the week's events, reading only the blocks that overlap the week.
 */
class ReplayIndexITCase {
    private static final long SEED = 20150629L;
    private static final int PARTITIONS = 4;
    private static final int BLOCK_RECORDS = 32;
    private static final int RECENT = 6_000;
    private static final int OLD = 4_000;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant WEEK_START = Instant.parse("2015-06-29T00:00:00Z");
    private static final Instant WEEK_END = Instant.parse("2015-07-06T00:00:00Z");

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    /** One published event: where it went and when it happened. */
    private record Published(int partition, String eventId, Instant occurredAt) {}

    @Test
    void an_old_week_appended_after_recent_history_reads_only_the_blocks_overlapping_it()
            throws Exception {
        String topic = "events-appended";
        KAFKA.broker().createTopic(topic, PARTITIONS, Map.of());
        Random random = new Random(SEED);
        List<Published> published = new ArrayList<>();
        AtomicInteger ids = new AtomicInteger();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // 2020 first, as a live system had it; then 2015 loaded in time order, spread over
            // the partitions as keys spread it.
            Instant year2020 = Instant.parse("2020-01-01T00:00:00Z");
            for (int i = 0; i < RECENT; i++) {
                Instant at = year2020.plusSeconds(366L * 86400 * i / RECENT);
                publish(producer, topic, random.nextInt(PARTITIONS), at, ids, published);
            }
            Instant year2015 = Instant.parse("2015-01-01T00:00:00Z");
            for (int i = 0; i < OLD; i++) {
                Instant at = year2015.plusSeconds(365L * 86400 * i / OLD + random.nextInt(3600));
                publish(producer, topic, random.nextInt(PARTITIONS), at, ids, published);
            }
            producer.flush();
        }
        EventTimeIndex index = new EventTimeIndex(BLOCK_RECORDS);
        try (EventTimeIndexer indexer =
                new EventTimeIndexer(bootstrap(), List.of(topic), index).start()) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(indexer::built);
            assertThat(index.records()).isEqualTo(RECENT + OLD);

            ReplayReader.Range range = reader(topic, index).read(WEEK_START, WEEK_END, i -> true);

            assertThat(eventIds(range))
                    .as("seed %d", SEED)
                    .hasSizeGreaterThan(50)
                    .containsExactlyInAnyOrderElementsOf(weekIds(published));
            assertThat(range.truncated()).isFalse();
            assertThat(range.recordsRead())
                    .as("seed %d: the blocks overlapping the week, no more", SEED)
                    .isEqualTo(overlappingBlockRecords(published))
                    .isLessThan((RECENT + OLD) / 20);
        }
    }

    @Test
    void without_a_built_index_a_replay_reads_as_before_and_records_not_yet_indexed_are_found()
            throws Exception {
        String topic = "events-unindexed";
        KAFKA.broker().createTopic(topic, PARTITIONS, Map.of());
        Random random = new Random(SEED + 1);
        List<Published> published = new ArrayList<>();
        AtomicInteger ids = new AtomicInteger();
        EventTimeIndex index = new EventTimeIndex(BLOCK_RECORDS);
        try (KafkaProducer<byte[], byte[]> producer = producer();
                EventTimeIndexer indexer =
                        new EventTimeIndexer(bootstrap(), List.of(topic), index)) {
            for (int i = 0; i < 1_000; i++) {
                Instant at = Instant.parse("2020-03-01T00:00:00Z").plusSeconds(600L * i);
                publish(producer, topic, random.nextInt(PARTITIONS), at, ids, published);
            }
            for (int i = 0; i < 500; i++) {
                Instant at = WEEK_START.minusSeconds(86400L * 14).plusSeconds(3600L * i);
                publish(producer, topic, random.nextInt(PARTITIONS), at, ids, published);
            }
            producer.flush();

            // The index is not started: nothing is indexed, every partition is read to its end.
            ReplayReader.Range unindexed =
                    reader(topic, index).read(WEEK_START, WEEK_END, i -> true);
            ReplayReader.Range noIndex = reader(topic, null).read(WEEK_START, WEEK_END, i -> true);
            assertThat(eventIds(unindexed)).containsExactlyInAnyOrderElementsOf(weekIds(published));
            assertThat(eventIds(noIndex)).containsExactlyInAnyOrderElementsOf(weekIds(published));
            assertThat(unindexed.recordsRead()).isEqualTo(noIndex.recordsRead()).isEqualTo(1_500);

            indexer.start();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(indexer::built);
            // Appended after the index was built: found in the blocks or in the tail not
            // indexed yet, whichever the follower has reached.
            for (int i = 0; i < 40; i++) {
                publish(
                        producer,
                        topic,
                        random.nextInt(PARTITIONS),
                        WEEK_START.plusSeconds(7200L * i + 1),
                        ids,
                        published);
            }
            producer.flush();
            ReplayReader.Range appended =
                    reader(topic, index).read(WEEK_START, WEEK_END, i -> true);
            assertThat(eventIds(appended))
                    .as("seed %d", SEED + 1)
                    .containsExactlyInAnyOrderElementsOf(weekIds(published));
            assertThat(appended.recordsRead()).isLessThan(noIndex.recordsRead());
        }
    }

    @Test
    void a_topic_whose_broker_stamps_the_records_is_not_indexed_and_replays_completely()
            throws Exception {
        String topic = "events-append-time";
        KAFKA.broker()
                .createTopic(topic, PARTITIONS, Map.of("message.timestamp.type", "LogAppendTime"));
        String marker = "events-marker";
        KAFKA.broker().createTopic(marker, 1, Map.of());
        Random random = new Random(SEED + 2);
        List<Published> published = new ArrayList<>();
        List<Published> markers = new ArrayList<>();
        AtomicInteger ids = new AtomicInteger();
        EventTimeIndex index = new EventTimeIndex(BLOCK_RECORDS);
        try (KafkaProducer<byte[], byte[]> producer = producer();
                EventTimeIndexer indexer =
                        new EventTimeIndexer(bootstrap(), List.of(topic, marker), index)) {
            for (int i = 0; i < 300; i++) {
                Instant at = WEEK_START.minusSeconds(86400L * 7).plusSeconds(5400L * i);
                publish(producer, topic, random.nextInt(PARTITIONS), at, ids, published);
            }
            publish(producer, marker, 0, WEEK_START, ids, markers);
            producer.flush();
            indexer.start();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(indexer::built);

            assertThat(index.records()).as("only the topic that keeps event times").isEqualTo(1);
            ReplayReader.Range range = reader(topic, index).read(WEEK_START, WEEK_END, i -> true);
            assertThat(eventIds(range))
                    .as("seed %d", SEED + 2)
                    .hasSizeGreaterThan(50)
                    .containsExactlyInAnyOrderElementsOf(weekIds(published));
        }
    }

    private static ReplayReader reader(String topic, EventTimeIndex index) {
        return new ReplayReader(
                bootstrap(), topic, null, null, () -> ZoneCatalog.of(List.of()), 100_000, index);
    }

    /**
     * Brute force: each partition's records in offset order cut into runs of {@link
     * #BLOCK_RECORDS}; the records of the runs whose times overlap the week as the reader searches
     * it ({@link ReplayReader#STAMP_TOLERANCE} before it, its end included).
     */
    private static long overlappingBlockRecords(List<Published> published) {
        long min = WEEK_START.minus(ReplayReader.STAMP_TOLERANCE).toEpochMilli();
        long max = WEEK_END.toEpochMilli();
        long total = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            int partition = p;
            List<Long> times =
                    published.stream()
                            .filter(e -> e.partition() == partition)
                            .map(e -> e.occurredAt().toEpochMilli())
                            .toList();
            for (int b = 0; b < times.size(); b += BLOCK_RECORDS) {
                List<Long> block = times.subList(b, Math.min(times.size(), b + BLOCK_RECORDS));
                long lo = block.stream().mapToLong(Long::longValue).min().orElseThrow();
                long hi = block.stream().mapToLong(Long::longValue).max().orElseThrow();
                if (lo <= max && hi >= min) {
                    total += block.size();
                }
            }
        }
        return total;
    }

    private static List<String> weekIds(List<Published> published) {
        return published.stream()
                .filter(e -> !e.occurredAt().isBefore(WEEK_START))
                .filter(e -> e.occurredAt().isBefore(WEEK_END))
                .map(Published::eventId)
                .toList();
    }

    private static List<String> eventIds(ReplayReader.Range range) {
        return range.events().stream().map(LiveEvent::eventId).toList();
    }

    private static void publish(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            int partition,
            Instant at,
            AtomicInteger ids,
            List<Published> published) {
        String recordId = "R" + ids.incrementAndGet();
        String eventId = "incident/test-" + ZonedDateTime.ofInstant(at, ZoneOffset.UTC).getYear();
        eventId += "/" + recordId;
        EventMessage m =
                new EventMessage(
                        eventId,
                        "incident",
                        "SHOOTING",
                        "SHOOTING",
                        null,
                        recordId,
                        "test",
                        at,
                        -76.61,
                        39.29,
                        "892aa8d4d83ffff",
                        Map.of(),
                        Map.of(),
                        null,
                        null);
        producer.send(
                new ProducerRecord<>(
                        topic,
                        partition,
                        at.toEpochMilli(),
                        eventId.getBytes(StandardCharsets.UTF_8),
                        TopicCodec.encode(m)));
        published.add(new Published(partition, eventId, at));
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String bootstrap() {
        return KAFKA.broker().bootstrapServers();
    }
}
