package org.zonestat.jobs.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.zonestat.jobs.model.Rejection;

/**
 * Writes a {@link Rejection} to the rejected topic: key = {@code topic/partition/offset} of the
 * original record, value = JSON with the reason and the original text, timestamp = when the
 * original was received.
 */
public final class RejectionSerializationSchema
        implements KafkaRecordSerializationSchema<Rejection> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public RejectionSerializationSchema(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Rejection element, KafkaSinkContext context, Long timestamp) {
        String key =
                element.source().topic()
                        + "/"
                        + element.source().partition()
                        + "/"
                        + element.source().offset();
        return new ProducerRecord<>(
                topic,
                null,
                element.source().receivedAtMillis(),
                key.getBytes(StandardCharsets.UTF_8),
                EventJson.bytes(EventJson.toJson(element)));
    }
}
