package org.zonestat.jobs.io;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.zonestat.topics.OutputMessage;
import org.zonestat.topics.TopicCodec;

/**
 * Writes one of the job's outputs to its Kafka topic as the message of the {@code topics} contract:
 * the element becomes its message ({@link TopicMessages}), and the message gives the record its
 * key, its timestamp (the event time it is about) and its value ({@link TopicCodec}).
 *
 * <pre>{@code
 * MessageSerializationSchema.of(topics.alerts(), TopicMessages::alert)
 * }</pre>
 *
 * <p>Immutable; thread-safe.
 *
 * @param <T> the stream element
 */
public final class MessageSerializationSchema<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, ? extends OutputMessage> toMessage;

    private MessageSerializationSchema(
            String topic, SerializableFunction<T, ? extends OutputMessage> toMessage) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.toMessage = Objects.requireNonNull(toMessage, "toMessage");
    }

    /** Elements of type {@code T}, written to {@code topic} as {@code toMessage} maps them. */
    public static <T> MessageSerializationSchema<T> of(
            String topic, SerializableFunction<T, ? extends OutputMessage> toMessage) {
        return new MessageSerializationSchema<>(topic, toMessage);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        OutputMessage m = toMessage.apply(element);
        return new ProducerRecord<>(
                topic,
                null,
                m.timestamp().toEpochMilli(),
                m.key().getBytes(StandardCharsets.UTF_8),
                TopicCodec.encode(m));
    }
}
