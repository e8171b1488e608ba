package org.zonestat.jobs.model;

import java.util.Objects;

/**
 * One raw record, parsed once where it is read (by the Kafka source's deserializer): either
 * accepted, with its typed {@link CityEvent}, or rejected, with the reason and a sentence naming
 * the field. Either way it keeps the {@link RawRecord} (topic, partition, offset, receive time and
 * the original text), so that this stage or a later one (lateness, duplicate check, tagging) can
 * turn it into a {@link Rejection} with its text.
 *
 * <p>Everything after the source reads these fields instead of the text: the event time is {@code
 * event.occurredAt} for an accepted record and the receive time for a rejected one ({@link
 * #eventTimeMillis}); only accepted records move the watermark on.
 *
 * <p>One flat record rather than a sealed pair so that Flink serializes it as a POJO (no Kryo):
 * exactly one of {@code event} and {@code reason} is set, and {@code detail} goes with {@code
 * reason}. Immutable.
 *
 * @param raw the record as it arrived
 * @param event the validated event; null when rejected
 * @param reason why the record was rejected; null when accepted
 * @param detail a sentence naming the field and what is wrong with it; null when accepted
 */
public record ParsedRecord(RawRecord raw, CityEvent event, RejectReason reason, String detail) {
    public ParsedRecord {
        Objects.requireNonNull(raw, "raw");
        if ((event == null) == (reason == null)) {
            throw new IllegalArgumentException(
                    "a parsed record is either accepted (event) or rejected (reason), not "
                            + (event == null ? "neither" : "both"));
        }
        if ((reason == null) != (detail == null)) {
            throw new IllegalArgumentException("a rejection needs a detail, and only a rejection");
        }
    }

    /** A record that parsed into a valid event. */
    public static ParsedRecord accepted(RawRecord raw, CityEvent event) {
        return new ParsedRecord(raw, Objects.requireNonNull(event, "event"), null, null);
    }

    /** A record that did not parse into a valid event. */
    public static ParsedRecord rejected(RawRecord raw, RejectReason reason, String detail) {
        return new ParsedRecord(
                raw,
                null,
                Objects.requireNonNull(reason, "reason"),
                Objects.requireNonNull(detail, "detail"));
    }

    public boolean isAccepted() {
        return event != null;
    }

    /**
     * When the record happened, in epoch milliseconds: {@code occurredAt} for an accepted record;
     * the receive time for a rejected one, whose timestamp only places its rejection.
     */
    public long eventTimeMillis() {
        return event != null ? event.occurredAt().toEpochMilli() : raw.receivedAtMillis();
    }

    /** This record's rejection, for the {@code rejected} topic. */
    public Rejection rejection() {
        if (reason == null) {
            throw new IllegalStateException(
                    "record "
                            + raw.topic()
                            + "/"
                            + raw.partition()
                            + "/"
                            + raw.offset()
                            + " was accepted");
        }
        return new Rejection(raw, reason, detail);
    }

    /** The same record, rejected by a later stage (late, duplicate, outside zones...). */
    public Rejection rejectedAs(RejectReason laterReason, String laterDetail) {
        return new Rejection(raw, laterReason, laterDetail);
    }
}
