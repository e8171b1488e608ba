package org.zonestat.jobs.functions;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * Flink wrapper around {@link RawRecordParser} and {@link ZoneTagger}: tagged events go to the
 * main output, refused records to {@link #REJECTED} with their reason. Counts records in, out and
 * rejected (per reason) as metrics in the operator's {@code zonestat} group.
 *
 * <p>Stateless (no keyed state); the zone catalog is loaded once per subtask in {@link #open}.
 */
public final class ValidateAndTagFunction extends ProcessFunction<RawRecord, TaggedEvent> {
    private static final long serialVersionUID = 1L;

    /** The side output carrying rejections. */
    public static final OutputTag<Rejection> REJECTED = new OutputTag<>("rejected") {};

    private final Map<String, EventStream> streamsByTopic;
    private final List<ZoneLayerSpec> layers;
    private final int h3Resolution;
    private final Duration futureTolerance;

    private transient RawRecordParser parser;
    private transient ZoneTagger tagger;
    private transient Counter in;
    private transient Counter out;
    private transient Map<RejectReason, Counter> rejected;

    public ValidateAndTagFunction(Map<String, EventStream> streamsByTopic, List<ZoneLayerSpec> layers,
            int h3Resolution, Duration futureTolerance) {
        this.streamsByTopic = Map.copyOf(streamsByTopic);
        this.layers = List.copyOf(layers);
        this.h3Resolution = h3Resolution;
        this.futureTolerance = futureTolerance;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new RawRecordParser(streamsByTopic, futureTolerance);
        tagger = new ZoneTagger(ZoneCatalog.load(layers), new H3Binner(h3Resolution));
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("zonestat");
        in = group.counter("recordsIn");
        out = group.counter("eventsOut");
        rejected = new EnumMap<>(RejectReason.class);
        MetricGroup rejectedGroup = group.addGroup("rejected");
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, rejectedGroup.counter(r.code()));
        }
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<TaggedEvent> collector) {
        in.inc();
        Outcome<CityEvent> parsed = parser.parse(raw);
        if (parsed instanceof Outcome.Refused<CityEvent> refused) {
            reject(ctx, raw, refused.reason(), refused.detail());
            return;
        }
        CityEvent event = ((Outcome.Accepted<CityEvent>) parsed).value();
        Outcome<TaggedEvent> tagged = tagger.tag(event);
        if (tagged instanceof Outcome.Refused<TaggedEvent> refused) {
            reject(ctx, raw, refused.reason(), refused.detail());
            return;
        }
        out.inc();
        collector.collect(((Outcome.Accepted<TaggedEvent>) tagged).value());
    }

    private void reject(Context ctx, RawRecord raw, RejectReason reason, String detail) {
        rejected.get(reason).inc();
        ctx.output(REJECTED, new Rejection(raw, reason, detail));
    }
}
