package org.zonestat.console;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON conventions of the console's HTTP and WebSocket answers: instants as ISO-8601 strings,
 * unknown fields ignored, numbers not silently defaulted when missing. (Kafka messages are read and
 * written with the topics module's {@code TopicCodec}.)
 */
public final class ConsoleJson {
    private ConsoleJson() {}

    /** A new mapper with the console's settings; mappers are thread-safe once configured. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
