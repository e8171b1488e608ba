package org.zonestat.jobs.functions;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
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
 * <p>Nor does an accepted record move event time past the wall clock: a record dated ahead (a feed
 * whose clock is fast, within the future tolerance) counts as if it were dated now. It keeps its
 * own timestamp and is still accepted; it just cannot make the true records after it late, or close
 * their days early. So in live operation the watermark never runs ahead of the wall clock less the
 * out-of-orderness bound; a backfill of past records is not affected.
 *
 * <p>Not thread-safe; Flink keeps one per partition.
 */
public final class ParsedRecordWatermarks extends BoundedOutOfOrdernessWatermarks<ParsedRecord> {
    private final LongSupplier wallClockMillis;

    /** Watermarks held back by the system clock. */
    public ParsedRecordWatermarks(Duration outOfOrderness) {
        this(outOfOrderness, System::currentTimeMillis);
    }

    /** Watermarks held back by the given wall clock (epoch milliseconds). */
    public ParsedRecordWatermarks(Duration outOfOrderness, LongSupplier wallClockMillis) {
        super(outOfOrderness);
        this.wallClockMillis = Objects.requireNonNull(wallClockMillis, "wallClockMillis");
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
            super.onEvent(record, Math.min(timestamp, wallClockMillis.getAsLong()), output);
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
