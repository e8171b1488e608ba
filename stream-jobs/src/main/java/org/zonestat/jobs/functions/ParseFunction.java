package org.zonestat.jobs.functions;

import java.time.Duration;
import java.util.Map;
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
 * refused ones to {@link Rejections#TAG}. Counts {@code zonestat.recordsIn} and {@code
 * zonestat.rejected.<reason>}. Stateless.
 */
public final class ParseFunction extends ProcessFunction<RawRecord, ParsedRecord> {
    private static final long serialVersionUID = 1L;

    private final Map<String, EventStream> streamsByTopic;
    private final Duration futureTolerance;

    private transient RawRecordParser parser;
    private transient Counter in;
    private transient Map<RejectReason, Counter> rejected;

    public ParseFunction(Map<String, EventStream> streamsByTopic, Duration futureTolerance) {
        this.streamsByTopic = Map.copyOf(streamsByTopic);
        this.futureTolerance = futureTolerance;
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
            rejected.get(refused.reason()).inc();
            ctx.output(Rejections.TAG, new Rejection(raw, refused.reason(), refused.detail()));
            return;
        }
        out.collect(new ParsedRecord(((Outcome.Accepted<CityEvent>) parsed).value(), raw));
    }
}
