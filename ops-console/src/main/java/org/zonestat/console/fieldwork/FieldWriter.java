package org.zonestat.console.fieldwork;

import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.zonestat.topics.PlaceMessage;
import org.zonestat.topics.RawActivity;
import org.zonestat.topics.TopicCodec;

/**
 * Writes what the console's forms record: activities to {@code activities.raw} (the job validates
 * and tags them like any feed's) and places to the compacted {@code places} topic. Each write waits
 * for the broker's acknowledgement ({@code acks=all}, idempotent) before the request is answered; a
 * write Kafka does not take within {@value #TIMEOUT_SECONDS} s is a 503.
 *
 * <p>Thread-safe (the Kafka producer is).
 */
final class FieldWriter implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 15;

    private final KafkaProducer<String, byte[]> producer;
    private final String activitiesTopic;
    private final String placesTopic;

    FieldWriter(String bootstrapServers, String activitiesTopic, String placesTopic) {
        this.activitiesTopic = activitiesTopic;
        this.placesTopic = placesTopic;
        this.producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.LINGER_MS_CONFIG,
                                0,
                                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                (int) Duration.ofSeconds(TIMEOUT_SECONDS).toMillis()),
                        new StringSerializer(),
                        new ByteArraySerializer());
    }

    /** Sends an activity, keyed by its id, stamped with the time it is sent. */
    void activity(RawActivity a) {
        send(activitiesTopic, a.id(), TopicCodec.encode(a));
    }

    /** Sends a place, keyed by its id. */
    void place(PlaceMessage p) {
        send(placesTopic, p.placeId(), TopicCodec.encode(p));
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new HttpResponseException(
                    503, "Kafka did not take the record on '" + topic + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpResponseException(503, "interrupted while writing to '" + topic + "'");
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
