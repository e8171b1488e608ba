package org.zonestat.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the job's JSON records to a broker for the console's tests, one at a time and acknowledged
 * by every replica before {@link #send} returns, so produce order is the order a single-partition
 * topic is read in.
 *
 * <p>Thread-safe (a Kafka producer is).
 */
final class JsonRecordProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;

    JsonRecordProducer(String bootstrapServers) {
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.LINGER_MS_CONFIG,
                                0),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
    }

    /** An {@code events} record, keyed by its {@code eventId}. */
    void sendEvent(String topic, ObjectNode event) throws InterruptedException {
        send(topic, event.get("eventId").asText(), event);
    }

    void send(String topic, String key, ObjectNode value) throws InterruptedException {
        send(topic, key, value.toString());
    }

    /** Any text, JSON or not. */
    void send(String topic, String key, String value) throws InterruptedException {
        try {
            producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    key.getBytes(StandardCharsets.UTF_8),
                                    value.getBytes(StandardCharsets.UTF_8)))
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write " + key + " to " + topic, e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
