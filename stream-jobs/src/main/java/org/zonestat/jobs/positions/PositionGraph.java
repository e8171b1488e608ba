package org.zonestat.jobs.positions;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.functions.Rejections;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneLayerUpdate;

/**
 * Attaches the positions branch to the zone-tagging job: GPS fixes of units and monitored devices
 * in, geofence transitions, dosage, nearest units and crime-scene correlation out.
 *
 * <pre>
 *  positions.raw ─ positions-source (each record parsed once) ─▶ positions-parse ─┐ (stale, malformed
 *                                                                                 │  ─▶ rejected)
 *  zones updates ─▶ layer-fences ─┐                                                │
 *  hotspot cells ─▶ hot-cell-fences ┴▶ fence-updates (broadcast) ─▶ device-tracker ◀┘ keyBy(device)
 *     device-tracker ─▶ fixes ─▶ transitions (fix)
 *                    ├─(transitions)─▶ transitions (ENTER, EXIT, CROSS)
 *                    ├─(dosage facts) ─▶ dosage ─┐
 *                    │   tagged violent incidents in hot cells ─▶ hot-cell-outcomes ─┴▶ zone-stats
 *                    ├─(rejections)─▶ rejected
 *                    └─(sightings)─┬▶ units ─────keyBy(city)─▶ nearest-units ──────▶ alerts (violence)
 *     shootings and homicides ─────┼─────────────────────────┘                    │
 *                                  └▶ monitored ─keyBy(city)─▶ scene-correlation ─▶ alerts (restricted)
 * </pre>
 *
 * Every operator has a name and a uid prefixed {@code positions-}. The fence updates never hold the
 * tracker's event time back: its silence timers follow the positions' own watermark. The tracker's
 * dosage facts do not hold the daily scorecard back either: they are placed on their own days and,
 * like late incidents, count while their day is open to late data.
 *
 * <p>Stateless; the class only builds graph nodes.
 */
public final class PositionGraph {
    private PositionGraph() {}

    /**
     * What the positions branch needs from the job.
     *
     * @param layers the configured zone layers
     * @param cellResolution the H3 resolution of the hotspot cells
     * @param timeZone the city's time zone (dosage days)
     * @param priorityLayer the focus layer (priority alerts)
     * @param idlePartition a positions partition quiet this long holds no event time back
     * @param positions the positions settings
     */
    public record Settings(
            List<ZoneLayerSpec> layers,
            int cellResolution,
            ZoneId timeZone,
            String priorityLayer,
            Duration idlePartition,
            PositionConfig positions) {
        public Settings {
            layers = List.copyOf(layers);
            Objects.requireNonNull(timeZone, "timeZone");
            Objects.requireNonNull(priorityLayer, "priorityLayer");
            Objects.requireNonNull(idlePartition, "idlePartition");
            Objects.requireNonNull(positions, "positions");
        }
    }

    /**
     * The branch's outputs.
     *
     * @param fixes every accepted fix with its zones
     * @param transitions entries, exits and crossings
     * @param rejected the positions refused, with the reason
     * @param dosage the facts the daily scorecard adds to {@code zone-stats}
     * @param alerts {@code violence} alerts naming the nearest units, and the restricted {@code
     *     monitored-near-scene} alerts
     */
    public record Outputs(
            DataStream<PositionFix> fixes,
            DataStream<FenceTransition> transitions,
            DataStream<Rejection> rejected,
            DataStream<ZoneFact> dosage,
            DataStream<Alert> alerts) {}

    /** Adds the branch; {@code tagged} are the job's tagged events. */
    public static Outputs attach(
            StreamExecutionEnvironment env,
            Source<ParsedPosition, ?, ?> source,
            DataStream<ZoneLayerUpdate> layerUpdates,
            DataStream<HotspotChange> hotspotChanges,
            DataStream<TaggedEvent> tagged,
            Settings s) {
        PositionConfig c = s.positions();
        SingleOutputStreamOperator<ParsedPosition> gated =
                env.fromSource(
                                source,
                                PositionWatermarks.strategy(c.outOfOrderness(), s.idlePartition()),
                                "positions-raw")
                        .uid("positions-source")
                        .process(new PositionGate(c.maxFixAge()))
                        .name("positions-parse")
                        .uid("positions-parse");

        DataStream<FenceUpdate> fenceUpdates =
                layerUpdates
                        .map(new PositionKeys.LayerFences())
                        .name("layer-fences")
                        .uid("positions-layer-fences")
                        .union(
                                hotspotChanges
                                        .flatMap(
                                                new PositionKeys.HotCellFences(
                                                        c.hotCellWindowDays()))
                                        .name("hot-cell-fences")
                                        .uid("positions-hot-cell-fences"))
                        .assignTimestampsAndWatermarks(noEventTime())
                        .name("fence-updates")
                        .uid("positions-fence-updates");

        SingleOutputStreamOperator<PositionFix> tracked =
                gated.keyBy(new PositionKeys.Device())
                        .connect(
                                fenceUpdates.broadcast(
                                        DeviceTracker.LAYER_UPDATES, HotCellSet.DESCRIPTOR))
                        .process(new DeviceTracker(s.layers(), s.cellResolution(), c, s.timeZone()))
                        .name("device-tracker")
                        .uid("positions-device-tracker");

        DataStream<ZoneFact> hotCellOutcomes =
                tagged.connect(fenceUpdates.broadcast(HotCellSet.DESCRIPTOR))
                        .process(new HotCellOutcomes(s.cellResolution()))
                        .name("hot-cell-outcomes")
                        .uid("positions-hot-cell-outcomes");
        DataStream<ZoneFact> dosage =
                tracked.getSideOutput(DeviceTracker.DOSAGE)
                        .<ZoneFact>assignTimestampsAndWatermarks(noEventTime())
                        .name("dosage")
                        .uid("positions-dosage")
                        .union(hotCellOutcomes);

        DataStream<TaggedEvent> violence =
                tagged.filter(new PositionKeys.ShootingsAndHomicides())
                        .name("shootings-and-homicides")
                        .uid("positions-shootings-and-homicides");
        DataStream<DeviceSighting> sightings = tracked.getSideOutput(DeviceTracker.SIGHTINGS);
        DataStream<Alert> nearest =
                sightings
                        .filter(new PositionKeys.OfKind(DeviceKind.UNIT))
                        .name("unit-sightings")
                        .uid("positions-unit-sightings")
                        .keyBy(new PositionKeys.City<DeviceSighting>())
                        .connect(violence.keyBy(new PositionKeys.City<TaggedEvent>()))
                        .process(new NearestUnits(c, s.priorityLayer()))
                        .name("nearest-units")
                        .uid("positions-nearest-units");
        DataStream<Alert> scenes =
                sightings
                        .filter(new PositionKeys.OfKind(DeviceKind.MONITORED))
                        .name("monitored-sightings")
                        .uid("positions-monitored-sightings")
                        .keyBy(new PositionKeys.City<DeviceSighting>())
                        .connect(violence.keyBy(new PositionKeys.City<TaggedEvent>()))
                        .process(new SceneCorrelation(c, s.priorityLayer()))
                        .name("scene-correlation")
                        .uid("positions-scene-correlation");

        return new Outputs(
                tracked,
                tracked.getSideOutput(DeviceTracker.TRANSITIONS),
                gated.getSideOutput(Rejections.TAG).union(tracked.getSideOutput(Rejections.TAG)),
                dosage,
                nearest.union(scenes));
    }

    /** No event time of its own: see {@link NoEventTime}. */
    private static <T> WatermarkStrategy<T> noEventTime() {
        return WatermarkStrategy.forGenerator(ctx -> new NoEventTime<>());
    }
}
