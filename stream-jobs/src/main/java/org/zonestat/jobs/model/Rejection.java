package org.zonestat.jobs.model;

import java.util.Objects;

/**
 * A raw record that did not become an event, with the reason and the original text, for the {@code
 * rejected} topic. Nothing is dropped silently: every raw record ends as a {@link TaggedEvent} or a
 * Rejection.
 *
 * @param source where the record was read
 * @param reason the machine-readable reason
 * @param detail a sentence naming the record's field and what is wrong with it
 */
public record Rejection(RawRecord source, RejectReason reason, String detail) {
    public Rejection {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
