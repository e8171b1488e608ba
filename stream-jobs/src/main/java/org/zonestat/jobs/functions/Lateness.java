package org.zonestat.jobs.functions;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;

/**
 * The job's lateness rule, in one place for the two operators that apply it: an accepted record
 * whose event time ({@code occurredAt}) is more than {@code allowed} behind an operator's watermark
 * is late. {@code parse} ({@link LatenessGate}) rejects such records; {@code dedupe-and-tag}
 * ({@link DedupeAndTagFunction}) forgets an event id from {@link #firstLateWatermark} of its copies
 * on, and applies the same rule at its own watermark, so that a copy arriving after the id was
 * forgotten is rejected as late and never accepted a second time.
 *
 * <p>With {@code t} the event time and {@code L} the allowed lateness (milliseconds): late when the
 * watermark {@code w} is known ({@code w != Long.MIN_VALUE}) and {@code t < w - L}, that is {@code
 * w >= t + L + 1}.
 *
 * @param allowed how far behind the watermark an event may be and still be accepted
 */
public record Lateness(Duration allowed) implements Serializable {
    public Lateness {
        Objects.requireNonNull(allowed, "allowed");
        if (allowed.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + allowed);
        }
    }

    /** Whether an event of time {@code occurredAtMillis} is late at {@code watermark}. */
    public boolean isLate(long occurredAtMillis, long watermark) {
        return watermark != Long.MIN_VALUE && watermark >= firstLateWatermark(occurredAtMillis);
    }

    /**
     * The smallest watermark at which an event of time {@code occurredAtMillis} is late ({@link
     * Long#MAX_VALUE}, the end of input, if that is beyond the range of a watermark).
     */
    public long firstLateWatermark(long occurredAtMillis) {
        long bound = occurredAtMillis + allowed.toMillis();
        boolean overflow = bound < occurredAtMillis || bound == Long.MAX_VALUE;
        return overflow ? Long.MAX_VALUE : bound + 1;
    }

    /** The rejection of a record found late at {@code watermark}. */
    public Rejection rejection(ParsedRecord record, long watermark) {
        return record.rejectedAs(
                RejectReason.LATE,
                "occurredAt "
                        + record.event().occurredAt()
                        + " is more than "
                        + allowed
                        + " behind the stream's event time "
                        + Instant.ofEpochMilli(watermark)
                        + ": the days it belongs to are final");
    }
}
