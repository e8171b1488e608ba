package org.zonestat.jobs.functions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;

/**
 * Flink wrapper around {@link RawRecordParser}: valid records go on as {@link ParsedRecord}s,
 * refused ones to {@link Rejections#TAG}. A valid record whose event time is more than {@code
 * allowedLateness} behind the watermark (the stream's event time, from the source) is refused as
 * {@link RejectReason#LATE}: the days it belongs to are final, so it is not counted anywhere rather
 * than counted in some outputs and not others. Counts {@code zonestat.recordsIn} and {@code
 * zonestat.rejected.<reason>}. Stateless.
 */
public final class ParseFunction extends ProcessFunction<RawRecord, ParsedRecord> {
    private static final long serialVersionUID = 1L;

    private final Map<String, EventStream> streamsByTopic;
    private final Duration futureTolerance;
    private final Duration allowedLateness;

    private transient RawRecordParser parser;
    private transient Counter in;
    private transient Map<RejectReason, Counter> rejected;

    public ParseFunction(
            Map<String, EventStream> streamsByTopic,
            Duration futureTolerance,
            Duration allowedLateness) {
        this.streamsByTopic = Map.copyOf(streamsByTopic);
        this.futureTolerance = Objects.requireNonNull(futureTolerance, "futureTolerance");
        this.allowedLateness = Objects.requireNonNull(allowedLateness, "allowedLateness");
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new RawRecordParser(streamsByTopic, futureTolerance);
        in = getRuntimeContext().getMetricGroup().addGroup("zonestat").counter("recordsIn");
        rejected = Rejections.counters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<ParsedRecord> out) {
        in.inc();
        Outcome<CityEvent> parsed = parser.parse(raw);
        if (parsed instanceof Outcome.Refused<CityEvent> refused) {
            reject(ctx, raw, refused.reason(), refused.detail());
            return;
        }
        CityEvent event = ((Outcome.Accepted<CityEvent>) parsed).value();
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE
                && event.occurredAt().toEpochMilli() < watermark - allowedLateness.toMillis()) {
            reject(
                    ctx,
                    raw,
                    RejectReason.LATE,
                    "occurredAt "
                            + event.occurredAt()
                            + " is more than "
                            + allowedLateness
                            + " behind the stream's event time "
                            + Instant.ofEpochMilli(watermark)
                            + ": the days it belongs to are final");
            return;
        }
        out.collect(new ParsedRecord(event, raw));
    }

    private void reject(Context ctx, RawRecord raw, RejectReason reason, String detail) {
        rejected.get(reason).inc();
        ctx.output(Rejections.TAG, new Rejection(raw, reason, detail));
    }
}
