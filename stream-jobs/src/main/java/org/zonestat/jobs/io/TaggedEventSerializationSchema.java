package org.zonestat.jobs.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * Writes a {@link TaggedEvent} to the events topic: key = event id (so a redelivered event lands in
 * the same partition with the same key), value = JSON, record timestamp = event time.
 */
public final class TaggedEventSerializationSchema
        implements KafkaRecordSerializationSchema<TaggedEvent> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public TaggedEventSerializationSchema(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            TaggedEvent element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                element.event().occurredAt().toEpochMilli(),
                element.event().eventId().getBytes(StandardCharsets.UTF_8),
                EventJson.bytes(EventJson.toJson(element)));
    }
}
