package org.zonestat.jobs.functions;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.zonestat.jobs.model.RawRecord;

/**
 * Event time for a raw record, read at the source so that Kafka's per-partition watermarks follow
 * each partition's own event time: the {@code occurredAt} value, found by a light scan of the text
 * rather than a full parse. A record whose time cannot be read gets its receive time; it is
 * rejected by {@link RawRecordParser} anyway, and its timestamp then only places its rejection.
 *
 * <p>Stateless; thread-safe.
 */
public final class RawEventTimeAssigner implements SerializableTimestampAssigner<RawRecord> {
    private static final long serialVersionUID = 1L;
    private static final String FIELD = "\"occurredAt\"";

    @Override
    public long extractTimestamp(RawRecord record, long kafkaTimestamp) {
        String text = record.value();
        int field = text.indexOf(FIELD);
        if (field >= 0) {
            int colon = text.indexOf(':', field + FIELD.length());
            int open = colon < 0 ? -1 : text.indexOf('"', colon + 1);
            int close = open < 0 ? -1 : text.indexOf('"', open + 1);
            if (close > open && text.substring(colon + 1, open).isBlank()) {
                try {
                    return OffsetDateTime.parse(text.substring(open + 1, close))
                            .toInstant()
                            .toEpochMilli();
                } catch (DateTimeException e) {
                    // fall through: the parser will reject the record with the reason
                }
            }
        }
        return record.receivedAtMillis();
    }
}
