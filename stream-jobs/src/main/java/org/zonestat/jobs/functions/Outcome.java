package org.zonestat.jobs.functions;

import org.zonestat.jobs.model.RejectReason;

/**
 * The result of a validation step: the value, or the reason it was refused with a sentence naming
 * the field and the problem.
 */
public sealed interface Outcome<T> {
    record Accepted<T>(T value) implements Outcome<T> {}

    record Refused<T>(RejectReason reason, String detail) implements Outcome<T> {}

    static <T> Outcome<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Outcome<T> refused(RejectReason reason, String detail) {
        return new Refused<>(reason, detail);
    }
}
