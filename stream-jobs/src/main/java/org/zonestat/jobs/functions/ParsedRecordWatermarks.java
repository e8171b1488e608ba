package org.zonestat.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.zonestat.jobs.model.ParsedRecord;

/**
 * Event time at the raw source, read from the fields of each {@link ParsedRecord}: bounded
 * out-of-orderness watermarks for one Kafka partition that only accepted records move on. A
 * rejected record (no readable time, a time more than the future tolerance after its receipt, or
 * anything else wrong) must not carry the stream's event time to today, or to next year, and make
 * every later record of a backfill late; its timestamp is its receive time and only places its
 * rejection.
 *
 * <p>Not thread-safe; Flink keeps one per partition.
 */
public final class ParsedRecordWatermarks extends BoundedOutOfOrdernessWatermarks<ParsedRecord> {

    public ParsedRecordWatermarks(Duration outOfOrderness) {
        super(outOfOrderness);
    }

    /**
     * The raw source's strategy: timestamps from {@link ParsedRecord#eventTimeMillis}, watermarks
     * from accepted records only, and a partition with no record for {@code idleness} does not hold
     * event time back.
     */
    public static WatermarkStrategy<ParsedRecord> strategy(
            Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<ParsedRecord>forGenerator(
                        ctx -> new ParsedRecordWatermarks(outOfOrderness))
                .withTimestampAssigner(new EventTime())
                .withIdleness(idleness);
    }

    @Override
    public void onEvent(ParsedRecord record, long timestamp, WatermarkOutput output) {
        if (record.isAccepted()) {
            super.onEvent(record, timestamp, output);
        }
    }

    /** A parsed record's event time ({@link ParsedRecord#eventTimeMillis}). Stateless. */
    public static final class EventTime implements SerializableTimestampAssigner<ParsedRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(ParsedRecord record, long kafkaTimestamp) {
            return record.eventTimeMillis();
        }
    }
}
