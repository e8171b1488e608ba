package org.zonestat.jobs.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test helpers to write and read whole topics on a real broker. */
public final class KafkaTopics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaTopics() {}

    /** Sends values (null keys) with the given record timestamp and waits for all acks. */
    public static void produce(
            String bootstrap, String topic, long timestampMillis, List<String> values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, null, timestampMillis, null, v));
            }
            producer.flush();
        }
    }

    /**
     * Sends raw values (null keys; a null value is a record without value) to one partition, or to
     * any when {@code partition} is null, with the given record timestamp, and waits for all acks.
     * Values up to the broker's default message size (1 MiB) are allowed.
     */
    public static void produceBytes(
            String bootstrap,
            String topic,
            Integer partition,
            long timestampMillis,
            List<byte[]> values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topic, partition, timestampMillis, null, v));
            }
            producer.flush();
        }
    }

    /** {@link #produceBytes} for text values, to one partition. */
    public static void produceToPartition(
            String bootstrap, String topic, int partition, long timestampMillis, String... values) {
        produceBytes(
                bootstrap,
                topic,
                partition,
                timestampMillis,
                java.util.Arrays.stream(values)
                        .map(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toList());
    }

    /** Sends one keyed record (large values allowed, e.g. zone layers) and waits for its ack. */
    public static void produceKeyed(String bootstrap, String topic, String key, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }

    /** Reads every committed record of a topic, from the beginning to its current end. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions =
                    c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(pi -> new TopicPartition(topic, pi.partition()))
                            .collect(Collectors.toList());
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end =
                    new HashMap<>(c.endOffsets(partitions, Duration.ofSeconds(30)));
            await("reading " + topic + " to its end " + end)
                    .atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(
                            () -> {
                                if (!reached(c, end)) {
                                    c.poll(Duration.ofMillis(200)).forEach(out::add);
                                }
                                return reached(c, end);
                            });
        }
        return out;
    }

    private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
        Set<TopicPartition> assigned = c.assignment();
        return assigned.stream().allMatch(tp -> c.position(tp) >= end.get(tp));
    }

    /** Every record's value as JSON. */
    public static List<JsonNode> readJson(String bootstrap, String topic) {
        return json(readAll(bootstrap, topic));
    }

    /** The records' values as JSON. */
    public static List<JsonNode> json(List<ConsumerRecord<String, String>> records) {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                out.add(JSON.readTree(r.value()));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON on " + r.topic() + ": " + r.value(), e);
            }
        }
        return out;
    }
}
