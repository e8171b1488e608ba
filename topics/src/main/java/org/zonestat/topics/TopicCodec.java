package org.zonestat.topics;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes and reads the messages of every topic: bytes (UTF-8 JSON) to a {@link TopicMessage} record
 * and back, with one shared mapper configured for the contract: instants and dates as ISO-8601
 * strings ({@code 2018-07-08T03:53:00Z}, {@code 2018-07-07}), unknown fields ignored (a topic's
 * messages may grow), required fields and a {@code null} for a number refused rather than
 * defaulted, no fraction read as a whole number.
 *
 * <p>Reading never returns a half-valid record: a record's constructor checks its values, and
 * anything wrong surfaces as a {@link MalformedMessageException} naming the topic and the reason.
 *
 * <p>Thread-safe (the mapper is configured once and never changed).
 */
public final class TopicCodec {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .build();

    private TopicCodec() {}

    /**
     * The message as the bytes of a Kafka record value. An {@link EventMessage}, one per tagged
     * event, is written by {@link EventMessageJson}, the same bytes without the mapper's cost.
     */
    public static byte[] encode(TopicMessage message) {
        if (message instanceof EventMessage event) {
            return EventMessageJson.encode(event);
        }
        return encodeWithMapper(message);
    }

    /** The message as the shared mapper writes it. */
    static byte[] encodeWithMapper(TopicMessage message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The message as JSON text. */
    public static String encodeToString(TopicMessage message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    /**
     * The message as a JSON tree, for a tool that changes it on purpose (a test feed that leaves a
     * required field out).
     */
    public static ObjectNode toTree(TopicMessage message) {
        return MAPPER.valueToTree(message);
    }

    /**
     * Reads a record value of {@code topic} as {@code type}.
     *
     * @throws MalformedMessageException naming the topic and the reason if the value is null (a
     *     tombstone: the caller handles those before), not JSON, or not a valid {@code type}
     */
    public static <T extends TopicMessage> T decode(String topic, byte[] value, Class<T> type) {
        if (value == null) {
            throw new MalformedMessageException(topic, "the record has no value", null);
        }
        try {
            return MAPPER.readValue(value, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new MalformedMessageException(topic, firstLine(cause.getMessage()), e);
        } catch (JsonMappingException e) {
            throw new MalformedMessageException(
                    topic, field(e) + firstLine(e.getOriginalMessage()), e);
        } catch (JacksonException e) {
            throw new MalformedMessageException(topic, firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new MalformedMessageException(topic, firstLine(e.getMessage()), e);
        }
    }

    /** {@link #decode(String, byte[], Class)} of JSON text. */
    public static <T extends TopicMessage> T decode(String topic, String value, Class<T> type) {
        return decode(topic, value == null ? null : value.getBytes(StandardCharsets.UTF_8), type);
    }

    /** {@code field 'a.b': } for an error at a field, else nothing. */
    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : "field '" + path + "': ";
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
