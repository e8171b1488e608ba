package org.zonestat.jobs.io;

/**
 * The Kafka record timestamp of every record the job writes: the event time the record is about (so
 * a replay can seek an output topic by time), but never after the writer's clock and never before
 * 1970.
 *
 * <p>Why the cap: a record may be dated up to the parser's future tolerance (a day) after it was
 * received, while a Kafka 4 broker refuses a record stamped more than {@code
 * message.timestamp.after.max.ms} (an hour by default) ahead of its own clock, and a refused record
 * fails the sink and the whole job. Stamped at most "now", a record is accepted under any setting
 * as long as the job's and the brokers' clocks agree within that setting. Its event time is still
 * in its value ({@code occurredAt}, {@code at}, ...): only the seek position moves, to the time it
 * was written. Kafka refuses negative timestamps, hence the floor.
 *
 * <p>Stateless and thread-safe.
 */
public final class OutputTimestamps {
    private OutputTimestamps() {}

    /** The timestamp of a record about {@code eventTimeMillis}, written at {@code nowMillis}. */
    public static long of(long eventTimeMillis, long nowMillis) {
        return Math.max(0, Math.min(eventTimeMillis, nowMillis));
    }

    /** As {@link #of(long, long)}; null (the producer stamps the send time) stays null. */
    public static Long of(Long timestamp, long nowMillis) {
        return timestamp == null ? null : of(timestamp.longValue(), nowMillis);
    }
}
