package org.zonestat.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The Kafka header that tells history apart from live data. A raw record a backfill publishes
 * carries its load's id in {@link #LOAD}: the live job leaves it to the history service, which
 * processes the load in batch. A raw record without it is live.
 *
 * <p>Stateless.
 */
public final class HistoryHeaders {
    /** On a raw record: the id of the backfill that published it. */
    public static final String LOAD = "zonestat-load";

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

    /** A header value as bytes. */
    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
