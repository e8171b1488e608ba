package org.zonestat.jobs.analytics;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.geo.Distances;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.CellEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * Matches each tip to the incidents within {@code radius} meters and {@code window} before or after
 * it, raising one {@code tip-match} alert per (tip, incident) pair.
 *
 * <p>Both sides are keyed by H3 cell: an incident by its home cell only (with only its zone of the
 * priority layer), a tip copied to every cell within the radius ({@link NearRepeatCover}), so each
 * pair close enough meets in exactly one key and is confirmed there by its exact distance. The join
 * ({@link TipIncidentJoin}) has the semantics of Flink's interval join ({@code between(-window,
 * window)}, bounds included, a record behind the watermark joins nothing), with each side's records
 * indexed by place and time ({@link CellEventIndex}) so that a record meets only the other side's
 * records near it, not every record of its cell. State: each side's records until the watermark
 * passes their time plus the window, cleared by an event-time timer.
 *
 * <p>Stateless outside the join; the class only builds graph nodes.
 */
public final class TipMatching {
    private TipMatching() {}

    /**
     * @param radiusMeters how far from the tip an incident may be
     * @param window how long before or after the tip an incident may be
     * @param cellResolution the H3 resolution of the join keys
     * @param priorityLayer a match with the tip or the incident in a zone of this layer (the city's
     *     focus layer) is a priority alert
     */
    public record Settings(
            double radiusMeters, Duration window, int cellResolution, String priorityLayer)
            implements Serializable {
        public Settings {
            java.util.Objects.requireNonNull(priorityLayer, "priorityLayer");
            if (!(radiusMeters > 0 && radiusMeters <= 10_000)) {
                throw new IllegalArgumentException(
                        "tip radius must be in (0, 10000] m, was " + radiusMeters);
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("tip window must be positive, was " + window);
            }
        }

        /**
         * 300 m and 48 hours either side, joined on H3 resolution-7 cells; priority in the zones of
         * {@code priorityLayer}.
         */
        public static Settings defaults(String priorityLayer) {
            return new Settings(300, Duration.ofHours(48), 7, priorityLayer);
        }
    }

    /**
     * Adds the tip matching to {@code tagged} (which must carry event time) and returns the alerts.
     */
    public static SingleOutputStreamOperator<Alert> attach(
            DataStream<TaggedEvent> tagged, Settings settings) {
        NearRepeatCover cover =
                new NearRepeatCover(settings.cellResolution(), settings.radiusMeters());
        DataStream<CellEvent> tips =
                tagged.flatMap(new TipCopies(cover)).name("tip-cells").uid("analytics-tip-cells");
        DataStream<CellEvent> incidents =
                tagged.flatMap(new IncidentHomeCells(cover, settings.priorityLayer()))
                        .name("incident-cells")
                        .uid("analytics-incident-cells");
        return tips.keyBy(new AnalyticsGraph.CellKey())
                .connect(incidents.keyBy(new AnalyticsGraph.CellKey()))
                .process(
                        new TipIncidentJoin(
                                settings.radiusMeters(),
                                settings.window(),
                                settings.priorityLayer()))
                .name("tip-match")
                .uid("analytics-tip-match-indexed");
    }

    /** A tip, once per cell within the radius. */
    static final class TipCopies implements FlatMapFunction<TaggedEvent, CellEvent> {
        private static final long serialVersionUID = 1L;
        private final NearRepeatCover cover;

        TipCopies(NearRepeatCover cover) {
            this.cover = Objects.requireNonNull(cover, "cover");
        }

        @Override
        public void flatMap(TaggedEvent t, Collector<CellEvent> out) {
            if (t.event().stream() != EventStream.TIP) {
                return;
            }
            String home = cover.homeCell(t.event().lon(), t.event().lat());
            for (String cell : cover.cells(t.event().lon(), t.event().lat())) {
                out.collect(
                        new CellEvent(
                                cell,
                                home,
                                t.event().eventId(),
                                t.event().type() == null ? "TIP" : t.event().type(),
                                t.event().occurredAt(),
                                t.event().lon(),
                                t.event().lat(),
                                t.zones()));
            }
        }
    }

    /**
     * An incident, in its home cell, with only its zone of the priority layer (if it has one): the
     * join reads no other zone of an incident (the alert carries the tip's zones), and incidents
     * are the bulk of what the join ships and keeps for the window.
     */
    static final class IncidentHomeCells implements FlatMapFunction<TaggedEvent, CellEvent> {
        private static final long serialVersionUID = 1L;
        private final NearRepeatCover cover;
        private final String priorityLayer;

        IncidentHomeCells(NearRepeatCover cover, String priorityLayer) {
            this.cover = Objects.requireNonNull(cover, "cover");
            this.priorityLayer = Objects.requireNonNull(priorityLayer, "priorityLayer");
        }

        @Override
        public void flatMap(TaggedEvent t, Collector<CellEvent> out) {
            if (t.event().stream() != EventStream.INCIDENT) {
                return;
            }
            String home = cover.homeCell(t.event().lon(), t.event().lat());
            String priorityZone = t.zones().get(priorityLayer);
            out.collect(
                    new CellEvent(
                            home,
                            home,
                            t.event().eventId(),
                            t.event().kind(),
                            t.event().occurredAt(),
                            t.event().lon(),
                            t.event().lat(),
                            priorityZone == null ? Map.of() : Map.of(priorityLayer, priorityZone)));
        }
    }

    /**
     * Joins tips (first input) and incidents (second input) of one cell whose times are at most
     * {@code window} apart and whose places at most {@code radiusMeters}, raising one {@code
     * tip-match} alert per pair when its second record arrives.
     *
     * <p>State: per cell, each side's records ({@code MapState} by event id) until the watermark
     * passes their time plus the window, each cleared by an event-time timer at that time; when a
     * side's last record goes, its state is cleared. The {@link CellEventIndex}es are caches of
     * that state, rebuilt from it after a restore.
     */
    static final class TipIncidentJoin
            extends KeyedCoProcessFunction<String, CellEvent, CellEvent, Alert> {
        private static final long serialVersionUID = 1L;
        private final double radiusMeters;
        private final Duration window;
        private final String priorityLayer;
        private transient IndexedCellEvents tips;
        private transient IndexedCellEvents incidents;

        TipIncidentJoin(double radiusMeters, Duration window, String priorityLayer) {
            this.radiusMeters = radiusMeters;
            this.window = Objects.requireNonNull(window, "window");
            this.priorityLayer = Objects.requireNonNull(priorityLayer, "priorityLayer");
        }

        @Override
        public void open(OpenContext openContext) {
            long windowMillis = window.toMillis();
            tips =
                    new IndexedCellEvents(
                            getRuntimeContext(), "tips", radiusMeters, windowMillis, this::expiry);
            incidents =
                    new IndexedCellEvents(
                            getRuntimeContext(),
                            "incidents",
                            radiusMeters,
                            windowMillis,
                            this::expiry);
        }

        @Override
        public void processElement1(CellEvent tip, Context ctx, Collector<Alert> out)
                throws Exception {
            arrive(tip, tips, incidents, ctx, incident -> match(tip, incident, out));
        }

        @Override
        public void processElement2(CellEvent incident, Context ctx, Collector<Alert> out)
                throws Exception {
            arrive(incident, incidents, tips, ctx, tip -> match(tip, incident, out));
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out)
                throws Exception {
            String cell = ctx.getCurrentKey();
            tips.expire(cell, timestamp);
            incidents.expire(cell, timestamp);
        }

        /**
         * A record of one side: paired with the other side's records near it, then kept until its
         * expiry. As in Flink's interval join, a record behind the watermark joins nothing.
         */
        private void arrive(
                CellEvent e,
                IndexedCellEvents own,
                IndexedCellEvents other,
                Context ctx,
                Consumer<CellEvent> pair)
                throws Exception {
            long watermark = ctx.timerService().currentWatermark();
            if (watermark != Long.MIN_VALUE && e.occurredAt().toEpochMilli() < watermark) {
                return;
            }
            String cell = ctx.getCurrentKey();
            other.index(cell).forEachNear(e.lon(), e.lat(), e.occurredAt().toEpochMilli(), pair);
            ctx.timerService().registerEventTimeTimer(own.keep(cell, e));
        }

        private long expiry(CellEvent e) {
            return e.occurredAt().plus(window).toEpochMilli();
        }

        /** Raises the pair's alert when the two are close enough in time and place. */
        private void match(CellEvent tip, CellEvent incident, Collector<Alert> out) {
            long apart =
                    Math.abs(
                            tip.occurredAt().toEpochMilli() - incident.occurredAt().toEpochMilli());
            if (apart > window.toMillis()) {
                return;
            }
            double meters = Distances.meters(tip.lon(), tip.lat(), incident.lon(), incident.lat());
            if (meters > radiusMeters) {
                return;
            }
            boolean priority =
                    tip.zones().containsKey(priorityLayer)
                            || incident.zones().containsKey(priorityLayer);
            out.collect(
                    new Alert(
                            "tip-match/" + tip.eventId() + "/" + incident.eventId(),
                            AlertType.TIP_MATCH,
                            tip.occurredAt(),
                            tip.eventId(),
                            incident.eventId(),
                            tip.kind() + " / " + incident.kind(),
                            tip.lon(),
                            tip.lat(),
                            tip.zones(),
                            null,
                            meters,
                            priority));
        }
    }
}
