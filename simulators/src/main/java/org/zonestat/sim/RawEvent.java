package org.zonestat.sim;

import java.time.Instant;
import java.util.Objects;
import org.zonestat.topics.RawInput;
import org.zonestat.topics.TopicCodec;

/**
 * One record ready for a raw topic: the record of the raw contract, and the JSON text to send,
 * which is the record's own ({@link #of}) or, for a deliberately malformed delivery of the
 * synthetic city, a broken variant of it ({@link #withJson}). Key: the record's id; its event time
 * orders and paces a replay.
 *
 * <p>Immutable and thread-safe.
 */
public record RawEvent(RawInput record, String json) {
    public RawEvent {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(json, "json");
    }

    /** The record as its topic carries it. */
    public static RawEvent of(RawInput record) {
        return new RawEvent(record, TopicCodec.encodeToString(record));
    }

    /** The same record delivered as other text. */
    public RawEvent withJson(String text) {
        return new RawEvent(record, text);
    }

    public Feed feed() {
        return Feed.of(record);
    }

    /** The Kafka key: the source's id. */
    public String key() {
        return record.id();
    }

    public Instant occurredAt() {
        return record.occurredAt();
    }
}
