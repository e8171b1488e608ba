package org.zonestat.benchmarks;

import java.time.Duration;
import java.time.Instant;
import org.zonestat.sim.RawEvent;
import org.zonestat.topics.RawActivity;
import org.zonestat.topics.RawIncident;
import org.zonestat.topics.RawInput;
import org.zonestat.topics.RawRequestStep;
import org.zonestat.topics.RawTip;

/**
 * A raw record moved in time as a whole: every instant it carries ({@code occurredAt}, and a 311
 * step's {@code createdAt}, {@code dueAt} and {@code closedAt}) shifted by the same amount, so that
 * a record of a replayed history reads as one happening now while its own durations (a request's
 * time to its due date, to its closing) stay as they were. The feed's other fields are kept as they
 * are.
 *
 * <p>Stateless and thread-safe.
 */
final class LiveRetiming {
    private LiveRetiming() {}

    /** {@code e}'s record with its {@code occurredAt} at {@code at}, re-encoded. */
    static RawEvent at(RawEvent e, Instant at) {
        return RawEvent.of(shifted(e.record(), Duration.between(e.occurredAt(), at)));
    }

    /** {@code r} with every instant it carries moved by {@code by}. */
    static RawInput shifted(RawInput r, Duration by) {
        if (r instanceof RawIncident i) {
            return new RawIncident(
                    i.id(),
                    i.source(),
                    i.kind(),
                    i.type(),
                    i.occurredAt().plus(by),
                    i.lat(),
                    i.lon(),
                    i.address(),
                    i.details());
        }
        if (r instanceof RawRequestStep s) {
            return new RawRequestStep(
                    s.id(),
                    s.source(),
                    s.type(),
                    s.status(),
                    s.occurredAt().plus(by),
                    s.lat(),
                    s.lon(),
                    plus(s.createdAt(), by),
                    plus(s.dueAt(), by),
                    plus(s.closedAt(), by),
                    s.address(),
                    s.details());
        }
        if (r instanceof RawTip t) {
            return new RawTip(
                    t.id(),
                    t.source(),
                    t.category(),
                    t.occurredAt().plus(by),
                    t.lat(),
                    t.lon(),
                    t.address(),
                    t.text(),
                    t.details());
        }
        if (r instanceof RawActivity a) {
            return new RawActivity(
                    a.id(),
                    a.source(),
                    a.kind(),
                    a.agency(),
                    a.occurredAt().plus(by),
                    a.lat(),
                    a.lon(),
                    a.placeId(),
                    a.count(),
                    a.outcome(),
                    a.contactToken(),
                    a.address(),
                    a.details());
        }
        throw new IllegalArgumentException("no retiming for " + r.getClass().getSimpleName());
    }

    private static Instant plus(Instant t, Duration by) {
        return t == null ? null : t.plus(by);
    }
}
