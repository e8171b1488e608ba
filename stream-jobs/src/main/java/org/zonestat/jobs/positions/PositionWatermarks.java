package org.zonestat.jobs.positions;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time at the positions source: each accepted fix's own time, with bounded out-of-orderness
 * watermarks per Kafka partition that only accepted fixes move on (a rejected record's timestamp is
 * its receive time, which only places its rejection).
 *
 * <p>Not thread-safe; Flink keeps one per partition.
 */
public final class PositionWatermarks extends BoundedOutOfOrdernessWatermarks<ParsedPosition> {

    public PositionWatermarks(Duration outOfOrderness) {
        super(outOfOrderness);
    }

    /**
     * The positions source's strategy; a partition quiet for {@code idleness} holds nothing back.
     */
    public static WatermarkStrategy<ParsedPosition> strategy(
            Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<ParsedPosition>forGenerator(
                        ctx -> new PositionWatermarks(outOfOrderness))
                .withTimestampAssigner(new FixTime())
                .withIdleness(idleness);
    }

    @Override
    public void onEvent(ParsedPosition record, long timestamp, WatermarkOutput output) {
        if (record.isAccepted()) {
            super.onEvent(record, timestamp, output);
        }
    }

    /** A parsed position's event time ({@link ParsedPosition#eventTimeMillis}). Stateless. */
    public static final class FixTime implements SerializableTimestampAssigner<ParsedPosition> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(ParsedPosition record, long kafkaTimestamp) {
            return record.eventTimeMillis();
        }
    }
}
