package org.zonestat.jobs.positions;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.functions.Rejections;
import org.zonestat.jobs.functions.ZoneLayers;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneLayerUpdate;

/**
 * The per-device operator ({@code device-tracker}), keyed by device id: each accepted fix goes
 * through {@link DeviceTrack} against the fences in force (every zone layer, with the {@code zones}
 * topic's updates, and the current hot cells, both broadcast). Out: the fix with its zones (main
 * output, to {@code transitions} as {@code fix}); on {@link #TRANSITIONS} the entries, exits and
 * crossings; on {@link #DOSAGE} the dosage facts for {@code zone-stats}; on {@link #SIGHTINGS}
 * where the device is, for the nearest-unit and crime-scene operators; on {@link Rejections#TAG}
 * the fixes it refuses (stale, duplicate, outside every layer, impossible speed).
 *
 * <p>State, per device: its {@link DeviceState} (last fix, open visits), cleared by an event-time
 * timer {@code silence} after its last fix (the positions' watermark; the fence updates never hold
 * it back): the device's visits then end with an {@code EXIT} marked {@code signal-lost} and its
 * state is gone, so no device's state lives forever. Broadcast state: the layer updates by layer id
 * and the hot cells ({@link HotCellSet}); the fences built from them are a transient cache.
 */
public final class DeviceTracker
        extends KeyedBroadcastProcessFunction<String, ParsedPosition, FenceUpdate, PositionFix> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceTracker.class);

    public static final OutputTag<FenceTransition> TRANSITIONS =
            new OutputTag<>("fence-transitions") {};
    public static final OutputTag<ZoneFact> DOSAGE = new OutputTag<>("dosage-facts") {};
    public static final OutputTag<DeviceSighting> SIGHTINGS =
            new OutputTag<>("device-sightings") {};

    /** Broadcast state: the latest update per layer id. */
    public static final MapStateDescriptor<String, ZoneLayerUpdate> LAYER_UPDATES =
            new MapStateDescriptor<>(
                    "tracker-zone-layer-updates",
                    Types.STRING,
                    TypeInformation.of(ZoneLayerUpdate.class));

    /** The per-device state. */
    public static final ValueStateDescriptor<DeviceState> STATE =
            new ValueStateDescriptor<>("device", TypeInformation.of(DeviceState.class));

    private final List<ZoneLayerSpec> configuredLayers;
    private final int cellResolution;
    private final PositionConfig config;
    private final ZoneId timeZone;

    private transient ValueState<DeviceState> state;
    private transient DeviceTrack track;
    private transient Fences fences;
    private transient ZoneLayers layers;
    private transient Counter fixesOut;
    private transient Counter transitionsOut;
    private transient Map<RejectReason, Counter> rejected;

    /**
     * @param configuredLayers the job's zone layers (version 1, before any update)
     * @param cellResolution the H3 resolution of hot cells
     * @param config the positions settings
     * @param timeZone the city's time zone: dosage days are its local days
     */
    public DeviceTracker(
            List<ZoneLayerSpec> configuredLayers,
            int cellResolution,
            PositionConfig config,
            ZoneId timeZone) {
        this.configuredLayers = List.copyOf(configuredLayers);
        this.cellResolution = cellResolution;
        this.config = Objects.requireNonNull(config, "config");
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(STATE);
        track = new DeviceTrack(config, new VisitLedger(timeZone, config.longVisit()));
        var group = getRuntimeContext().getMetricGroup();
        fixesOut = group.addGroup("zonestat").counter("fixesOut");
        transitionsOut = group.addGroup("zonestat").counter("transitionsOut");
        rejected = Rejections.counters(group);
    }

    @Override
    public void processElement(
            ParsedPosition record, ReadOnlyContext ctx, Collector<PositionFix> out)
            throws Exception {
        DeviceState before = state.value();
        DeviceTrack.Step step = track.advance(before, record.position(), fences(ctx));
        if (step.refused()) {
            rejected.get(step.reason()).inc();
            ctx.output(Rejections.TAG, new Rejection(record.raw(), step.reason(), step.detail()));
            if (step.state() != before) {
                state.update(step.state());
            }
            return;
        }
        emit(ctx, step);
        if (before != null) {
            ctx.timerService().deleteEventTimeTimer(silenceTimer(before));
        }
        ctx.timerService().registerEventTimeTimer(silenceTimer(step.state()));
        state.update(step.state());
        fixesOut.inc();
        out.collect(step.fix());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PositionFix> out)
            throws Exception {
        DeviceState s = state.value();
        if (s == null || timestamp != silenceTimer(s)) {
            return;
        }
        emit(ctx, track.close(ctx.getCurrentKey(), s));
        state.clear();
    }

    private void emit(ReadOnlyContext ctx, DeviceTrack.Step step) {
        for (FenceTransition t : step.transitions()) {
            transitionsOut.inc();
            ctx.output(TRANSITIONS, t);
        }
        for (ZoneFact f : step.facts()) {
            ctx.output(DOSAGE, f);
        }
        ctx.output(SIGHTINGS, step.sighting());
    }

    private long silenceTimer(DeviceState s) {
        return s.at() + config.silence().toMillis();
    }

    @Override
    public void processBroadcastElement(FenceUpdate update, Context ctx, Collector<PositionFix> out)
            throws Exception {
        if (update.layer() != null) {
            ZoneLayerUpdate u = update.layer();
            try {
                ZoneLayers next = layers(ctx.getBroadcastState(LAYER_UPDATES)).apply(u);
                ctx.getBroadcastState(LAYER_UPDATES).put(u.layerId(), u);
                layers = next;
                fences = null;
            } catch (RuntimeException e) {
                // dedupe-and-tag reports an unusable layer on rejected; here it is only skipped.
                LOG.warn("zone layer update '{}' not fenced: {}", u.layerId(), e.getMessage());
            }
        } else if (HotCellSet.apply(ctx.getBroadcastState(HotCellSet.DESCRIPTOR), update)) {
            fences = null;
        }
    }

    /** The fences in force; rebuilt from broadcast state after a restore or a change. */
    private Fences fences(ReadOnlyContext ctx) throws Exception {
        if (fences == null) {
            Fences f = Fences.of(layers(ctx.getBroadcastState(LAYER_UPDATES)), cellResolution);
            fences = f.withHotCells(HotCellSet.hot(ctx.getBroadcastState(HotCellSet.DESCRIPTOR)));
        }
        return fences;
    }

    private ZoneLayers layers(ReadOnlyBroadcastState<String, ZoneLayerUpdate> updates)
            throws Exception {
        if (layers == null) {
            ZoneLayers l = ZoneLayers.initial(configuredLayers);
            for (Map.Entry<String, ZoneLayerUpdate> e : updates.immutableEntries()) {
                l = l.apply(e.getValue());
            }
            layers = l;
        }
        return layers;
    }
}
