package org.zonestat.jobs.analytics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.Notification;
import org.zonestat.jobs.model.RequestPhase;
import org.zonestat.jobs.model.RequestState;
import org.zonestat.jobs.model.RequestUpdate;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/**
 * Follows each 311 request through its lifecycle (new → open → closed, with reopens), keyed by
 * request id. Emits an {@link Alert} of type OVERDUE_311 on the main output when the watermark
 * passes the due time of a request that is not closed, and a closing-the-loop {@link Notification}
 * on {@link #NOTIFICATIONS} when the watermark passes its closure time. The rules (order of
 * updates, due time, one alert per due time, one notification per closure) are in {@link
 * RequestLifecycle}.
 *
 * <p><b>State</b>: one {@code ValueState<RequestState>} per request, and at most two event-time
 * timers, both recorded in the state: the <em>alert timer</em> (due time, or closure time while a
 * notification is pending) and the <em>expiry timer</em>. Every update recomputes both and deletes
 * or registers timers so exactly those two are pending (a due time that moves replaces its timer).
 * When the expiry timer fires the state is cleared and no timer remains: {@code closedRetention}
 * after closure, or {@code openRetention} after the latest update or due time of a request that
 * never closes.
 *
 * <p>On {@link #WORKLOAD}, the facts the per-zone 311 workload of the daily scorecard is made of.
 *
 * <p>An update that would create state already past its expiry (e.g. a duplicate of a closure
 * delivered after the request was forgotten) is not stored: it goes to {@link #STALE_UPDATES} and
 * is counted ({@code zonestat.staleRequestUpdates}), so it can neither resurrect the request nor
 * repeat its notification.
 */
public final class RequestLifecycleFunction
        extends KeyedProcessFunction<String, RequestUpdate, Alert> {
    private static final long serialVersionUID = 1L;

    /** Closing-the-loop notifications. */
    public static final OutputTag<Notification> NOTIFICATIONS = new OutputTag<>("notifications") {};

    /**
     * The per-zone 311 workload: {@code OPEN_CHANGE} and {@code OVERDUE_CHANGE} facts of ±1 at the
     * instants a request starts or stops counting as open or overdue in a zone (see {@code
     * emitWorkloadChanges}), {@code REQUEST_OVERDUE} when it becomes overdue, and {@code
     * DAYS_TO_CLOSE} with each closing notification. A fact's {@code occurredAt}, which the daily
     * window places it by, may be earlier than the record's timestamp. The changes of one request
     * add up to its standing: +1 while open, 0 once closed or forgotten.
     */
    public static final OutputTag<ZoneFact> WORKLOAD = new OutputTag<>("zone-311-workload") {};

    /** Updates that arrived after their request's state had expired. */
    public static final OutputTag<RequestUpdate> STALE_UPDATES =
            new OutputTag<>("stale-request-updates") {};

    private final RequestLifecycle lifecycle;

    private transient ValueState<RequestState> state;
    private transient Counter stale;

    public RequestLifecycleFunction(RequestLifecycle lifecycle) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(stateDescriptor());
        stale =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("zonestat")
                        .counter("staleRequestUpdates");
    }

    /** The descriptor of the per-request state (tests read the state through it). */
    static ValueStateDescriptor<RequestState> stateDescriptor() {
        return new ValueStateDescriptor<>("request", TypeInformation.of(RequestState.class));
    }

    @Override
    public void processElement(RequestUpdate update, Context ctx, Collector<Alert> out)
            throws Exception {
        RequestState current = state.value();
        RequestState next = lifecycle.apply(current, update);
        TimerService timers = ctx.timerService();
        if (current == null
                && lifecycle.expiryTime(next).toEpochMilli() <= timers.currentWatermark()) {
            stale.inc();
            ctx.output(STALE_UPDATES, update);
            return;
        }
        RequestState scheduled = schedule(next, timers, null);
        state.update(scheduled);
        emitWorkloadChanges(current, scheduled, null, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        RequestState s = state.value();
        if (s == null) {
            return;
        }
        RequestState before = s;
        if (s.alertTimer() != null && s.alertTimer() == timestamp) {
            if (s.phase() == RequestPhase.CLOSED) {
                Notification n = lifecycle.closingNotification(s);
                ctx.output(NOTIFICATIONS, n);
                emit(
                        ctx,
                        s.zones(),
                        ZoneMeasure.DAYS_TO_CLOSE,
                        n.notificationId(),
                        timestamp,
                        n.daysOpen());
                s = s.withAnnouncements(s.overdueAlertedFor(), s.statusAt());
            } else {
                Alert alert = lifecycle.overdueAlert(s);
                out.collect(alert);
                emit(ctx, s.zones(), ZoneMeasure.REQUEST_OVERDUE, alert.alertId(), timestamp, 1);
                s = s.withAnnouncements(lifecycle.dueAt(s), s.notifiedAt());
            }
        }
        if (s.expiryTimer() != null && s.expiryTimer() <= timestamp) {
            if (s.alertTimer() != null && s.alertTimer() != timestamp) {
                ctx.timerService().deleteEventTimeTimer(s.alertTimer());
            }
            state.clear();
            emitWorkloadChanges(before, null, Instant.ofEpochMilli(timestamp), ctx);
            return;
        }
        RequestState scheduled = schedule(s, ctx.timerService(), timestamp);
        state.update(scheduled);
        emitWorkloadChanges(before, scheduled, null, ctx);
    }

    /**
     * Emits what changed in a request's contribution to its zones' open and overdue counts, per
     * zone, as +1 and -1 facts at the instants where its spans begin and end. A request is counted
     * open from its first report to its closure ({@link RequestLifecycle#openSpan}) and overdue
     * from its due time to its closure once the overdue alert has fired ({@link
     * RequestLifecycle#overdueSpan}); an update that arrives out of order may move those instants
     * into the past, and the facts then correct the days they fall on. Spans still open when the
     * request is forgotten end at that moment ({@code forgottenAt}).
     *
     * @param forgottenAt when the request is forgotten, or null while it is kept
     */
    private void emitWorkloadChanges(
            RequestState before, RequestState after, Instant forgottenAt, Context ctx) {
        RequestState now = after != null ? after : before;
        changes(
                ctx,
                now.requestId(),
                ZoneMeasure.OPEN_CHANGE,
                lifecycle.openSpan(before),
                zones(before),
                ended(lifecycle.openSpan(now), forgottenAt),
                zones(now));
        changes(
                ctx,
                now.requestId(),
                ZoneMeasure.OVERDUE_CHANGE,
                lifecycle.overdueSpan(before),
                zones(before),
                ended(lifecycle.overdueSpan(now), forgottenAt),
                zones(now));
    }

    private static Map<String, String> zones(RequestState s) {
        return s == null ? Map.of() : s.zones();
    }

    private static RequestLifecycle.Span ended(RequestLifecycle.Span span, Instant forgottenAt) {
        return span == null || forgottenAt == null || span.end() != null
                ? span
                : new RequestLifecycle.Span(
                        span.start(),
                        forgottenAt.isAfter(span.start()) ? forgottenAt : span.start());
    }

    private static void changes(
            Context ctx,
            String requestId,
            ZoneMeasure measure,
            RequestLifecycle.Span was,
            Map<String, String> wasZones,
            RequestLifecycle.Span is,
            Map<String, String> isZones) {
        if (Objects.equals(was, is) && (was == null || wasZones.equals(isZones))) {
            return;
        }
        Map<List<Object>, Integer> net = new LinkedHashMap<>();
        if (was != null) {
            wasZones.forEach((layer, zone) -> add(net, layer, zone, was, -1));
        }
        if (is != null) {
            isZones.forEach((layer, zone) -> add(net, layer, zone, is, 1));
        }
        net.forEach(
                (k, delta) -> {
                    if (delta != 0) {
                        Instant at = (Instant) k.get(2);
                        ctx.output(
                                WORKLOAD,
                                new ZoneFact(
                                        (String) k.get(0),
                                        (String) k.get(1),
                                        measure,
                                        measure + "/" + requestId + "/" + at,
                                        at,
                                        delta));
                    }
                });
    }

    private static void add(
            Map<List<Object>, Integer> net,
            String layer,
            String zone,
            RequestLifecycle.Span span,
            int sign) {
        net.merge(List.of(layer, zone, span.start()), sign, Integer::sum);
        if (span.end() != null) {
            net.merge(List.of(layer, zone, span.end()), -sign, Integer::sum);
        }
    }

    private static void emit(
            Context ctx,
            Map<String, String> zones,
            ZoneMeasure measure,
            String id,
            long at,
            double value) {
        zones.forEach(
                (layer, zone) ->
                        ctx.output(
                                WORKLOAD,
                                new ZoneFact(
                                        layer,
                                        zone,
                                        measure,
                                        id,
                                        Instant.ofEpochMilli(at),
                                        value)));
    }

    /**
     * Makes the pending timers exactly the state's alert and expiry times.
     *
     * @param fired a timer that has just fired (no longer pending), or null
     */
    private RequestState schedule(RequestState s, TimerService timers, Long fired) {
        Long alert = millis(lifecycle.alertTime(s));
        Long expiry = millis(lifecycle.expiryTime(s));
        Set<Long> pending = new LinkedHashSet<>();
        if (s.alertTimer() != null) {
            pending.add(s.alertTimer());
        }
        if (s.expiryTimer() != null) {
            pending.add(s.expiryTimer());
        }
        if (fired != null) {
            pending.remove(fired);
        }
        Set<Long> wanted = new LinkedHashSet<>();
        if (alert != null) {
            wanted.add(alert);
        }
        wanted.add(expiry);
        for (Long t : pending) {
            if (!wanted.contains(t)) {
                timers.deleteEventTimeTimer(t);
            }
        }
        for (Long t : wanted) {
            if (!pending.contains(t)) {
                timers.registerEventTimeTimer(t);
            }
        }
        return s.withTimers(alert, expiry);
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
