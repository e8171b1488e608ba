package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A raw record (or zone layer message) the job could not use, on {@code rejected}: where it was,
 * why, and its text, unchanged but for its identity fields (removed) and cut to its start when it
 * is too large. Key: {@code <sourceTopic>/<partition>/<offset>}; record timestamp: {@code
 * receivedAt}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sourceTopic the topic the original record was read from
 * @param partition its partition
 * @param offset its offset
 * @param receivedAt its Kafka timestamp
 * @param reason a stable code: {@code malformed-json}, {@code missing-field}, {@code
 *     invalid-field}, {@code unknown-kind}, {@code missing-location}, {@code zero-coordinates},
 *     {@code swapped-coordinates}, {@code outside-zones}, {@code future-timestamp}, {@code late},
 *     {@code duplicate}, {@code too-large}, {@code internal-error}
 * @param detail a sentence naming the field and what is wrong
 * @param original the record's text
 */
public record RejectedMessage(
        @JsonProperty(required = true) String sourceTopic,
        @JsonProperty(required = true) int partition,
        @JsonProperty(required = true) long offset,
        @JsonProperty(required = true) Instant receivedAt,
        @JsonProperty(required = true) String reason,
        @JsonProperty(required = true) String detail,
        @JsonProperty(required = true) String original)
        implements OutputMessage {

    public RejectedMessage {
        Fields.requireText(sourceTopic, "sourceTopic");
        Fields.require(receivedAt, "receivedAt");
        Fields.requireText(reason, "reason");
        Fields.require(detail, "detail");
        Fields.require(original, "original");
    }

    @Override
    public String key() {
        return sourceTopic + "/" + partition + "/" + offset;
    }

    @Override
    public Instant timestamp() {
        return receivedAt;
    }
}
