package org.zonestat.jobs.positions;

import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;

/**
 * One record of {@code positions.raw}, parsed once where it is read: accepted with its {@link
 * Position}, or rejected with a reason and a sentence. One flat record (nullable fields) so Flink
 * serializes it as a POJO.
 *
 * @param raw the record as it arrived
 * @param position the fix; null when rejected
 * @param reason why it was rejected; null when accepted
 * @param detail the sentence naming the field; null when accepted
 */
public record ParsedPosition(RawRecord raw, Position position, RejectReason reason, String detail) {
    public ParsedPosition {
        if ((position == null) == (reason == null)) {
            throw new IllegalArgumentException(
                    "a parsed position is either accepted (position) or rejected (reason)");
        }
    }

    public static ParsedPosition accepted(RawRecord raw, Position position) {
        return new ParsedPosition(raw, position, null, null);
    }

    public static ParsedPosition rejected(RawRecord raw, RejectReason reason, String detail) {
        return new ParsedPosition(raw, null, reason, detail);
    }

    public boolean isAccepted() {
        return position != null;
    }

    /** The fix time of an accepted record, else the receive time (which only places it). */
    public long eventTimeMillis() {
        return isAccepted() ? position.at().toEpochMilli() : raw.receivedAtMillis();
    }

    /** This record's rejection. */
    public Rejection rejection() {
        return new Rejection(raw, reason, detail);
    }
}
