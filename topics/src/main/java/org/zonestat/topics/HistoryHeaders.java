package org.zonestat.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The Kafka headers that tell history apart from live data, and their UTF-8 values. A raw record a
 * backfill publishes carries its load's id in {@link #LOAD}: the live job leaves it to the history
 * service. An output a history run writes carries the run's generation in {@link #GENERATION}:
 * readers take it for the days the run covers once the run is done. A record without them is live.
 *
 * <p>Stateless.
 */
public final class HistoryHeaders {
    /** On a raw record: the id of the backfill that published it. */
    public static final String LOAD = "zonestat-load";

    /** On an output record: the generation of the history run that wrote it. */
    public static final String GENERATION = "zonestat-generation";

    private HistoryHeaders() {}

    /** The last value of {@code name} as text, or null when the record has none. */
    public static String text(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null
                ? null
                : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The generation of an output record, or null for a live one (or an unreadable header). */
    public static Long generation(Headers headers) {
        String text = text(headers, GENERATION);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A header value as bytes. */
    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
