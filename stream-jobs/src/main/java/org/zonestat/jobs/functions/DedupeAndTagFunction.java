package org.zonestat.jobs.functions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <p>State: per event id, where its first copy was read and the watermark from which the id is
 * forgotten ({@link FirstCopy}), cleared by an event-time timer at that watermark: the first one at
 * which every copy seen so far is late ({@link Lateness#firstLateWatermark}). The operator applies
 * the lateness rule of {@code parse} at its own watermark too, so a copy arriving once its id is
 * forgotten is rejected as {@code late}, never accepted again, even when it passed {@code parse}
 * behind a watermark there that was slower than here. The state holds the ids from the watermark
 * less the allowed lateness on (in a replay, also those of a partition read ahead of the slowest),
 * not every id of a backfill. A state TTL of the dedupe window (processing time, incremental
 * clean-up: each record accessing the state looks at one other entry) is a backstop for ids whose
 * watermark does not come: a record dated ahead of the wall clock (which the watermark does not
 * pass) and ids remembered by an earlier version of the job (which set no timer). Broadcast state:
 * the layer updates by layer id (replaced by the next update of the same layer, removed by a
 * tombstone), checkpointed so a restored job tags with the same layers. The built locators are a
 * transient cache rebuilt from broadcast state.
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
    private final Lateness lateness;

    private transient ValueState<String> firstSeenAt;
    private transient ZoneTagger tagger;
    private transient ZoneLayers configured;
    private transient ZoneLayers current;
    private transient Counter out;
    private transient Map<RejectReason, Counter> rejected;

    /**
     * @param dedupeWindow the backstop TTL of an id (processing time)
     * @param lateness the lateness rule of {@code parse} ({@link LatenessGate})
     */
    public DedupeAndTagFunction(
            List<ZoneLayerSpec> configuredLayers,
            int h3Resolution,
            Duration dedupeWindow,
            Lateness lateness) {
        if (dedupeWindow.isNegative() || dedupeWindow.isZero()) {
            throw new IllegalArgumentException(
                    "dedupe window must be positive, was " + dedupeWindow);
        }
        this.configuredLayers = List.copyOf(configuredLayers);
        this.h3Resolution = h3Resolution;
        this.dedupeWindow = dedupeWindow;
        this.lateness = Objects.requireNonNull(lateness, "lateness");
    }

    /** The dedupe state ({@link FirstCopy}), with its backstop TTL. */
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
        long occurredAt = record.event().occurredAt().toEpochMilli();
        long watermark = ctx.timerService().currentWatermark();
        if (lateness.isLate(occurredAt, watermark)) {
            reject(ctx, lateness.rejection(record, watermark));
            return null;
        }
        long forgetAt = lateness.firstLateWatermark(occurredAt);
        String first = firstSeenAt.value();
        if (first != null) {
            if (forgetAt > FirstCopy.forgetAt(first)) {
                firstSeenAt.update(FirstCopy.forgottenFrom(first, forgetAt));
                ctx.timerService().registerEventTimeTimer(forgetAt);
            }
            reject(
                    ctx,
                    record.rejectedAs(
                            RejectReason.DUPLICATE,
                            "event '"
                                    + record.event().eventId()
                                    + "' was already received at "
                                    + FirstCopy.readAt(first)));
            return null;
        }
        firstSeenAt.update(FirstCopy.of(record.raw(), forgetAt));
        ctx.timerService().registerEventTimeTimer(forgetAt);
        Outcome<TaggedEvent> tagged =
                tagger.tag(record.event(), layers(ctx.getBroadcastState(LAYER_UPDATES)));
        if (tagged instanceof Outcome.Refused<TaggedEvent> refused) {
            reject(ctx, record.rejectedAs(refused.reason(), refused.detail()));
            return null;
        }
        return ((Outcome.Accepted<TaggedEvent>) tagged).value();
    }

    /** Forgets the id once every copy seen is late (a later copy moved its timer on). */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TaggedEvent> out)
            throws Exception {
        String first = firstSeenAt.value();
        if (first != null && FirstCopy.forgetAt(first) <= timestamp) {
            firstSeenAt.clear();
        }
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
