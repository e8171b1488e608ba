package org.zonestat.jobs.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.zonestat.geo.Distances;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.CellEvent;
import org.zonestat.jobs.model.RiskHalo;

/**
 * Finds near repeats: two shootings or homicides within R meters and T of each other (defaults 400
 * m, 14 days). Input is keyed by coarse H3 cell ({@link NearRepeatFanOut} copies each event to its
 * home cell and every cell within R). Emits one {@link Alert} of type NEAR_REPEAT per pair on the
 * main output, and one {@link RiskHalo} per event on {@link #HALOS}.
 *
 * <p><b>Exactly one alert per pair, whatever the arrival order or parallelism</b>: a pair is
 * <em>owned</em> by the home cell of its earlier event (order: occurredAt, then event id), and only
 * the owner emits it. Both events reach the owner (the earlier is at home there; the later is
 * within R of it, so its copies include that cell), and whichever arrives second finds the other in
 * the cell's store. A repeated delivery of an event (same event id) is ignored. The alert names the
 * later event as subject and the earlier as related, so its id {@code
 * near-repeat/<earlier>/<later>} is the same however the pair was found. The halo is emitted by the
 * home copy on its first delivery.
 *
 * <p><b>State</b>: {@code MapState<eventId, CellEvent>} of the events seen in this cell, each
 * cleared by an event-time timer at {@code occurredAt + T + lateness}; when the last is removed the
 * key has no state and no timer. An event delivered more than {@code lateness} behind the watermark
 * may therefore miss a partner that was already cleared, and an event redelivered after it was
 * cleared is treated as new.
 *
 * <p>Each key's events are also held in a {@link CellEventIndex} (a cache of the state, rebuilt
 * from it after a restore), so that a new event is compared only with the events of nearby buckets
 * and time slots, and a timer takes only the expired events, however many the cell keeps.
 */
public final class NearRepeatDetector extends KeyedProcessFunction<String, CellEvent, Alert> {
    private static final long serialVersionUID = 1L;

    /** Risk halos, one per shooting or homicide. */
    public static final OutputTag<RiskHalo> HALOS = new OutputTag<>("risk-halos") {};

    private static final Comparator<CellEvent> ORDER =
            Comparator.comparing(CellEvent::occurredAt).thenComparing(CellEvent::eventId);

    private final double radiusMeters;
    private final Duration window;
    private final Duration lateness;
    private final String priorityLayer;

    private transient IndexedCellEvents seen;
    private transient Counter duplicates;

    public NearRepeatDetector(
            double radiusMeters, Duration window, Duration lateness, String priorityLayer) {
        if (!(radiusMeters > 0)) {
            throw new IllegalArgumentException(
                    "radiusMeters must be positive, was " + radiusMeters);
        }
        this.radiusMeters = radiusMeters;
        this.window = Objects.requireNonNull(window, "window");
        this.lateness = Objects.requireNonNull(lateness, "lateness");
        this.priorityLayer = Objects.requireNonNull(priorityLayer, "priorityLayer");
    }

    public static NearRepeatDetector of(AnalyticsConfig config) {
        return new NearRepeatDetector(
                config.nearRepeatRadiusMeters(),
                config.nearRepeatWindow(),
                config.nearRepeatLateness(),
                config.priorityLayer());
    }

    @Override
    public void open(OpenContext openContext) {
        seen =
                new IndexedCellEvents(
                        getRuntimeContext(), "seen", radiusMeters, window.toMillis(), this::expiry);
        duplicates =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("zonestat")
                        .counter("nearRepeatDuplicates");
    }

    @Override
    public void processElement(CellEvent e, Context ctx, Collector<Alert> out) throws Exception {
        String cell = ctx.getCurrentKey();
        CellEventIndex index = seen.index(cell);
        if (index.contains(e.eventId())) {
            duplicates.inc();
            return;
        }
        index.forEachNear(
                e.lon(),
                e.lat(),
                e.occurredAt().toEpochMilli(),
                other -> {
                    CellEvent earlier = ORDER.compare(other, e) <= 0 ? other : e;
                    CellEvent later = earlier == other ? e : other;
                    if (!earlier.homeCell().equals(cell)
                            || Duration.between(earlier.occurredAt(), later.occurredAt())
                                            .compareTo(window)
                                    > 0) {
                        return;
                    }
                    double meters =
                            Distances.meters(
                                    earlier.lon(), earlier.lat(), later.lon(), later.lat());
                    if (meters <= radiusMeters) {
                        out.collect(alert(earlier, later, meters));
                    }
                });
        ctx.timerService().registerEventTimeTimer(seen.keep(cell, e));
        if (e.isHome()) {
            ctx.output(
                    HALOS,
                    new RiskHalo(
                            "halo/" + e.eventId(),
                            e.eventId(),
                            e.kind(),
                            e.lon(),
                            e.lat(),
                            radiusMeters,
                            e.occurredAt(),
                            e.occurredAt().plus(window),
                            e.zones()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        seen.expire(ctx.getCurrentKey(), timestamp);
    }

    private long expiry(CellEvent e) {
        return e.occurredAt().plus(window).plus(lateness).toEpochMilli();
    }

    private Alert alert(CellEvent earlier, CellEvent later, double meters) {
        boolean priority =
                earlier.zones().containsKey(priorityLayer)
                        || later.zones().containsKey(priorityLayer);
        Instant at = later.occurredAt();
        return new Alert(
                AlertType.NEAR_REPEAT.code() + "/" + earlier.eventId() + "/" + later.eventId(),
                AlertType.NEAR_REPEAT,
                at,
                later.eventId(),
                earlier.eventId(),
                later.kind(),
                later.lon(),
                later.lat(),
                later.zones(),
                null,
                Math.round(meters * 10) / 10.0,
                priority);
    }
}
