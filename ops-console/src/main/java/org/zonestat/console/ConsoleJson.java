package org.zonestat.console;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON conventions of the console: instants as ISO-8601 strings, unknown fields ignored (the
 * {@code events} payload may grow), numbers not silently defaulted when missing.
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

    /**
     * Parses one {@code events} record value.
     *
     * @throws MalformedEventException with the reason if the bytes are not a valid event
     */
    public static LiveEvent parseEvent(ObjectMapper mapper, byte[] value) {
        return parse(mapper, value, LiveEvent.class);
    }

    /**
     * Parses one record value as {@code type}.
     *
     * @throws MalformedEventException with the reason if the bytes are not a valid {@code type}
     */
    public static <T> T parse(ObjectMapper mapper, byte[] value, Class<T> type) {
        if (value == null) {
            throw new MalformedEventException("record has no value");
        }
        try {
            return mapper.readValue(value, type);
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new MalformedEventException(firstLine(cause.getMessage()), e);
        } catch (java.io.IOException e) {
            throw new MalformedEventException(firstLine(e.getMessage()), e);
        }
    }

    /**
     * Parses one {@code hotspots} record value: a {@link RiskHalo} ({@code "type": "risk-halo"}), a
     * {@link HotCell} ({@code "hotspot-cell"}) or null for the types the live view does not show
     * ({@code hotspot-window}, {@code zone-window-counts}).
     *
     * @throws MalformedEventException if the bytes are not a valid hotspots record
     */
    public static LiveItem parseHotspot(ObjectMapper mapper, byte[] value) {
        com.fasterxml.jackson.databind.JsonNode node =
                parse(mapper, value, com.fasterxml.jackson.databind.JsonNode.class);
        String type = node.path("type").asText("");
        try {
            return switch (type) {
                case "risk-halo" -> mapper.treeToValue(node, RiskHalo.class);
                case "hotspot-cell" -> mapper.treeToValue(node, HotCell.class);
                case "hotspot-window", "zone-window-counts" -> null;
                default ->
                        throw new MalformedEventException(
                                "unknown hotspots record type '" + type + "'");
            };
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new MalformedEventException(firstLine(cause.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** A record on {@code events} that is not a valid event. */
    public static final class MalformedEventException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedEventException(String reason) {
            super(reason);
        }

        MalformedEventException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
