package org.zonestat.jobs.functions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneLayerUpdate;

/**
 * Keyed by event id, on accepted {@link ParsedRecord}s (the {@code parse} operator, {@link
 * LatenessGate}, lets no other through): drops redeliveries of an event already seen ({@code
 * duplicate}), then tags the event with its zones and H3 cell ({@link ZoneTagger}). Zone layers are
 * the configured ones overlaid with the updates broadcast from the compacted {@code zones} topic,
 * so a layer added or edited takes effect without restarting the job; each event names the versions
 * it was tagged with.
 *
 * <p>State: per event id, where its first copy was read (a short string), cleared by a state TTL of
 * the dedupe window (processing time: Flink's TTL has no event-time mode; a copy arriving later
 * than that passes again); each record accessing the state looks at one other entry and removes it
 * if expired (incremental clean-up), so expired ids go within about one pass over the state.
 * Broadcast state: the layer updates by layer id (replaced by the next update of the same layer,
 * removed by a tombstone), checkpointed so a restored job tags with the same layers. The built
 * locators are a transient cache rebuilt from broadcast state.
 *
 * <p>A failure on one record (a defect) rejects that record as {@code internal-error} ({@link
 * InternalErrors}) instead of failing the job; a layer update that cannot be used is rejected with
 * its reason and the layers in force stay as they were.
 */
public final class DedupeAndTagFunction
        extends KeyedBroadcastProcessFunction<String, ParsedRecord, ZoneLayerUpdate, TaggedEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DedupeAndTagFunction.class);

    /** Broadcast state: the latest update per layer id. */
    public static final MapStateDescriptor<String, ZoneLayerUpdate> LAYER_UPDATES =
            new MapStateDescriptor<>(
                    "zone-layer-updates", Types.STRING, TypeInformation.of(ZoneLayerUpdate.class));

    private final List<ZoneLayerSpec> configuredLayers;
    private final int h3Resolution;
    private final Duration dedupeWindow;

    private transient ValueState<String> firstSeenAt;
    private transient ZoneTagger tagger;
    private transient ZoneLayers configured;
    private transient ZoneLayers current;
    private transient Counter out;
    private transient Map<RejectReason, Counter> rejected;

    public DedupeAndTagFunction(
            List<ZoneLayerSpec> configuredLayers, int h3Resolution, Duration dedupeWindow) {
        if (dedupeWindow.isNegative() || dedupeWindow.isZero()) {
            throw new IllegalArgumentException(
                    "dedupe window must be positive, was " + dedupeWindow);
        }
        this.configuredLayers = List.copyOf(configuredLayers);
        this.h3Resolution = h3Resolution;
        this.dedupeWindow = dedupeWindow;
    }

    /** The dedupe state, with its TTL. */
    public static ValueStateDescriptor<String> firstSeenDescriptor(Duration window) {
        ValueStateDescriptor<String> d = new ValueStateDescriptor<>("first-seen-at", Types.STRING);
        d.enableTimeToLive(
                StateTtlConfig.newBuilder(window)
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        // One entry looked at per record rather than Flink's five: as many as
                        // are added, so expired ids still go within about one pass over the
                        // state, at a fifth of the cost (it was a fifth of this operator's time).
                        .cleanupIncrementally(1, false)
                        .build());
        return d;
    }

    @Override
    public void open(OpenContext openContext) {
        firstSeenAt = getRuntimeContext().getState(firstSeenDescriptor(dedupeWindow));
        tagger = new ZoneTagger(new H3Binner(h3Resolution));
        configured = ZoneLayers.initial(configuredLayers);
        out = getRuntimeContext().getMetricGroup().addGroup("zonestat").counter("eventsOut");
        rejected = Rejections.counters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(
            ParsedRecord record, ReadOnlyContext ctx, Collector<TaggedEvent> collector)
            throws Exception {
        TaggedEvent tagged;
        try {
            tagged = dedupeAndTag(record, ctx);
        } catch (RuntimeException e) {
            reject(ctx, InternalErrors.rejection(record.raw(), "dedupe-and-tag", e));
            return;
        }
        // Collected outside the try: chained operators run inside collect().
        if (tagged != null) {
            out.inc();
            collector.collect(tagged);
        }
    }

    /** The tagged event, or null when the record was rejected (and its rejection sent). */
    private TaggedEvent dedupeAndTag(ParsedRecord record, ReadOnlyContext ctx) throws Exception {
        RawRecord raw = record.raw();
        String first = firstSeenAt.value();
        if (first != null) {
            reject(
                    ctx,
                    record.rejectedAs(
                            RejectReason.DUPLICATE,
                            "event '"
                                    + record.event().eventId()
                                    + "' was already received at "
                                    + first));
            return null;
        }
        firstSeenAt.update(raw.topic() + "/" + raw.partition() + "/" + raw.offset());
        Outcome<TaggedEvent> tagged =
                tagger.tag(record.event(), layers(ctx.getBroadcastState(LAYER_UPDATES)));
        if (tagged instanceof Outcome.Refused<TaggedEvent> refused) {
            reject(ctx, record.rejectedAs(refused.reason(), refused.detail()));
            return null;
        }
        return ((Outcome.Accepted<TaggedEvent>) tagged).value();
    }

    @Override
    public void processBroadcastElement(
            ZoneLayerUpdate update, Context ctx, Collector<TaggedEvent> collector)
            throws Exception {
        try {
            ZoneLayers next = layers(ctx.getBroadcastState(LAYER_UPDATES)).apply(update);
            ctx.getBroadcastState(LAYER_UPDATES).put(update.layerId(), update);
            current = next;
            LOG.info(
                    "zone layer '{}' {} (version {})",
                    update.layerId(),
                    update.isRemoval() ? "removed" : "loaded",
                    update.version());
        } catch (RuntimeException e) {
            // Every parallel instance sees the update; one of them reports it.
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                ctx.output(
                        Rejections.TAG,
                        new Rejection(
                                update.source(),
                                RejectReason.INVALID_FIELD,
                                "zone layer '"
                                        + Texts.excerpt(update.layerId(), FieldLimits.QUOTED_CHARS)
                                        + "' version "
                                        + update.version()
                                        + " cannot be used: "
                                        + Texts.excerpt(
                                                String.valueOf(e.getMessage()),
                                                4 * FieldLimits.QUOTED_CHARS)));
            }
            LOG.warn(
                    "zone layer update '{}' ignored: {}",
                    Texts.excerpt(update.layerId(), FieldLimits.QUOTED_CHARS),
                    Texts.excerpt(String.valueOf(e.getMessage()), 4 * FieldLimits.QUOTED_CHARS));
        }
    }

    /** The layers in force; rebuilt from broadcast state after a restore. */
    private ZoneLayers layers(ReadOnlyBroadcastState<String, ZoneLayerUpdate> state)
            throws Exception {
        if (current == null) {
            ZoneLayers layers = configured;
            for (Map.Entry<String, ZoneLayerUpdate> e : state.immutableEntries()) {
                layers = layers.apply(e.getValue());
            }
            current = layers;
        }
        return current;
    }

    private void reject(ReadOnlyContext ctx, Rejection rejection) {
        rejected.get(rejection.reason()).inc();
        ctx.output(Rejections.TAG, rejection);
    }
}
