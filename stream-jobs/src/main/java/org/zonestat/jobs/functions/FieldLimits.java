package org.zonestat.jobs.functions;

import java.time.Instant;
import java.util.Map;

/**
 * The longest text each raw field may hold, and the instants a time field may name: a record beyond
 * them is rejected ({@code too-large} or {@code invalid-field}) by {@link RawRecordParser}, so that
 * every event the job writes stays far below the topics' message size and every time converts to
 * epoch milliseconds (and to a Kafka record timestamp, which cannot be before 1970).
 *
 * <p>Constants; thread-safe.
 */
public final class FieldLimits {
    /** Characters per text field; a field not named here is not read by the job. */
    public static final Map<String, Integer> MAX_CHARS =
            Map.ofEntries(
                    Map.entry("id", 200),
                    Map.entry("source", 100),
                    Map.entry("kind", 64),
                    Map.entry("type", 200),
                    Map.entry("status", 64),
                    Map.entry("category", 200),
                    Map.entry("address", 500),
                    Map.entry("occurredAt", 64),
                    Map.entry("dueAt", 64),
                    Map.entry("agency", 200),
                    Map.entry("placeId", 200),
                    Map.entry("outcome", 500),
                    Map.entry("contactToken", 64),
                    Map.entry("contactChannel", 16));

    /**
     * The earliest instant a time field may name: the day after the Unix epoch, so that every local
     * day an event falls in, in any time zone, starts after 1970 (a Kafka record timestamp cannot
     * be earlier).
     */
    public static final Instant EARLIEST = Instant.parse("1970-01-02T00:00:00Z");

    /** The latest instant a time field may name: the end of year 9999. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** How much of an offending value a rejection's detail quotes. */
    public static final int QUOTED_CHARS = 100;

    private FieldLimits() {}

    /** The limit of a field read as text. */
    public static int maxChars(String field) {
        Integer max = MAX_CHARS.get(field);
        if (max == null) {
            throw new IllegalArgumentException("no length limit for field '" + field + "'");
        }
        return max;
    }
}
