package org.zonestat.jobs.model;

/**
 * One record as it arrived on a raw topic: where it came from, the broker timestamp (the time it
 * was received) and its text, untouched. Keeping the original text lets a rejection carry it.
 *
 * @param topic the raw topic, e.g. {@code incidents.raw}
 * @param partition the partition it was read from
 * @param offset its offset in that partition
 * @param receivedAtMillis the Kafka record timestamp, epoch milliseconds
 * @param value the record value decoded as UTF-8 (never null; an empty record is "")
 */
public record RawRecord(
        String topic, int partition, long offset, long receivedAtMillis, String value) {}
