package org.zonestat.jobs.functions;

import org.zonestat.jobs.model.RawRecord;

/**
 * The value {@code dedupe-and-tag} keeps per event id (state {@code first-seen-at}, a string so
 * that savepoints of earlier versions restore): where the first copy was read, {@code
 * topic/partition/offset}, then {@code @} and the watermark from which the id is forgotten, in
 * epoch milliseconds. Kafka topic names have no {@code @}. A value an earlier version wrote has no
 * watermark ({@link #forgetAt} is then {@link Long#MIN_VALUE}: no timer clears it, the TTL does).
 *
 * <p>Stateless.
 */
final class FirstCopy {
    private static final char SEPARATOR = '@';

    private FirstCopy() {}

    /** The value of a first copy read from {@code raw}, forgotten from {@code forgetAt} on. */
    static String of(RawRecord raw, long forgetAt) {
        return raw.topic() + "/" + raw.partition() + "/" + raw.offset() + SEPARATOR + forgetAt;
    }

    /** The same first copy, forgotten from {@code forgetAt} on. */
    static String forgottenFrom(String value, long forgetAt) {
        return readAt(value) + SEPARATOR + forgetAt;
    }

    /** Where the first copy was read: {@code topic/partition/offset}. */
    static String readAt(String value) {
        int at = value.lastIndexOf(SEPARATOR);
        return at < 0 ? value : value.substring(0, at);
    }

    /** The watermark from which the id is forgotten; {@link Long#MIN_VALUE} if none is set. */
    static long forgetAt(String value) {
        int at = value.lastIndexOf(SEPARATOR);
        return at < 0 ? Long.MIN_VALUE : Long.parseLong(value, at + 1, value.length(), 10);
    }
}
