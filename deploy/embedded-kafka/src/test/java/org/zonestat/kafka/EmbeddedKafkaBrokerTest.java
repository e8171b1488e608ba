package org.zonestat.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    @Test
    void recordsWithOldTimestampsSurviveABrokerRestart(@TempDir Path dir) throws Exception {
        long old = 1_325_376_000_000L; // 2012-01-01T00:00:00Z: retention must not delete it
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
            broker.createTopic("history", 1, Map.of());
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("history", 0, old, "k", "v1")).get();
                producer.send(new ProducerRecord<>("history", 0, old + 1, "k", "v2")).get();
            }
        }
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
            List<ConsumerRecord<String, String>> got = readAll(broker, "history");
            assertThat(got).extracting(ConsumerRecord::value).containsExactly("v1", "v2");
            assertThat(got.get(0).timestamp()).isEqualTo(old);
        }
    }

    @Test
    void theDataFolderIsTheOwnersOnly(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("var");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.setPosixFilePermissions(
                dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
            for (Path d : List.of(dir, dir.resolve("kafka"))) {
                assertThat(
                                java.nio.file.attribute.PosixFilePermissions.toString(
                                        java.nio.file.Files.getPosixFilePermissions(d)))
                        .as(d.toString())
                        .isEqualTo("rwx------");
            }
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static List<ConsumerRecord<String, String>> readAll(
            EmbeddedKafkaBroker broker, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            TopicContents.readFromBeginning(c, topic, Duration.ofSeconds(30), out::add);
        }
        return out;
    }
}
