package org.zonestat.topics;

import java.time.Instant;
import java.util.Map;

/**
 * A record a feed writes to a raw topic ({@code incidents.raw}, {@code requests311.raw}, {@code
 * tips.raw}, {@code activities.raw}): the source's own id and event time, where it happened, and
 * the stream's own fields. Its Kafka key is the id; its record timestamp is the time it was sent
 * (the job's future-timestamp check compares the two).
 *
 * <p>Absent values are left out of the JSON. Fields beyond the contract's (a feed's crime code,
 * district, agency, ...) travel in {@link #details()} and are written as fields of the same object;
 * the job ignores them. Implementations are immutable records.
 */
public sealed interface RawInput extends TopicMessage
        permits RawIncident, RawRequestStep, RawTip, RawActivity {
    /** The source's own id: the Kafka key. */
    String id();

    /** The feed's name, or null (the job then uses the topic's). */
    String source();

    /** When it happened (for a 311 step: when the request reached this status). */
    Instant occurredAt();

    /** Latitude, WGS84 degrees, or null when the source has no location. */
    Double lat();

    /** Longitude, WGS84 degrees, or null when the source has no location. */
    Double lon();

    /** The feed's other fields, in order; values are JSON scalars (a null value is written). */
    Map<String, Object> details();
}
