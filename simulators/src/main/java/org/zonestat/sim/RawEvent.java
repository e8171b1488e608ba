package org.zonestat.sim;

import java.time.Instant;
import java.util.Objects;

/**
 * One record ready for a raw topic: which feed, its key (the source's id), the JSON text and its
 * event time (used for ordering and pacing a replay; the JSON carries it too).
 */
public record RawEvent(Feed feed, String key, String json, Instant occurredAt) {
    public RawEvent {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
