package org.zonestat.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.zonestat.jobs.model.RawRecord;

/**
 * Bounded out-of-orderness watermarks for one Kafka partition that only the records the parser will
 * accept move on: a record whose time could not be read (its timestamp is its receive time, see
 * {@link RawEventTimeAssigner}) or that claims a time more than the future tolerance after its
 * receipt is rejected by {@link RawRecordParser}, and must not carry the stream's event time to
 * today, or to next year, and make every later record of a backfill late.
 *
 * <p>Not thread-safe; Flink keeps one per partition.
 */
public final class RawRecordWatermarks implements WatermarkGenerator<RawRecord> {
    private final long outOfOrdernessMillis;
    private final long futureToleranceMillis;
    private long maxTimestamp;

    public RawRecordWatermarks(Duration outOfOrderness, Duration futureTolerance) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.futureToleranceMillis = futureTolerance.toMillis();
        this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
    }

    @Override
    public void onEvent(RawRecord record, long timestamp, WatermarkOutput output) {
        boolean readTime = timestamp != record.receivedAtMillis();
        boolean plausible = timestamp <= record.receivedAtMillis() + futureToleranceMillis;
        if (readTime && plausible) {
            maxTimestamp = Math.max(maxTimestamp, timestamp);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(maxTimestamp - outOfOrdernessMillis - 1));
    }
}
