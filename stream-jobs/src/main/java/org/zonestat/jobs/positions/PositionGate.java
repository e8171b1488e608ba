package org.zonestat.jobs.positions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.functions.Rejections;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;

/**
 * The operator after the positions source ({@code positions-parse}): counts every record in ({@code
 * zonestat.positionsIn}), sends the records the source's parse rejected to {@link Rejections#TAG}
 * with their reason, and rejects as {@code stale-position} an accepted fix more than {@code
 * maxFixAge} behind the positions' event time (the watermark): a fix that old says nothing about
 * where the device is. The rest go on, with their raw record (the tracker's rejections carry it
 * too).
 *
 * <p>Stateless.
 */
public final class PositionGate extends ProcessFunction<ParsedPosition, ParsedPosition> {
    private static final long serialVersionUID = 1L;

    private final Duration maxFixAge;

    private transient Counter in;
    private transient Map<RejectReason, Counter> rejected;

    public PositionGate(Duration maxFixAge) {
        this.maxFixAge = Objects.requireNonNull(maxFixAge, "maxFixAge");
    }

    @Override
    public void open(OpenContext openContext) {
        in = getRuntimeContext().getMetricGroup().addGroup("zonestat").counter("positionsIn");
        rejected = Rejections.counters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(ParsedPosition record, Context ctx, Collector<ParsedPosition> out) {
        in.inc();
        if (!record.isAccepted()) {
            reject(ctx, record.rejection());
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        Instant at = record.position().at();
        if (watermark != Long.MIN_VALUE && at.toEpochMilli() < watermark - maxFixAge.toMillis()) {
            reject(
                    ctx,
                    new Rejection(
                            record.raw(),
                            RejectReason.STALE_POSITION,
                            "field 'at' "
                                    + at
                                    + " is more than "
                                    + maxFixAge
                                    + " behind the positions' event time "
                                    + Instant.ofEpochMilli(watermark)));
            return;
        }
        out.collect(record);
    }

    private void reject(Context ctx, Rejection rejection) {
        rejected.get(rejection.reason()).inc();
        ctx.output(Rejections.TAG, rejection);
    }
}
