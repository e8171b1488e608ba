package org.zonestat.jobs.analytics;

import java.time.Instant;
import java.util.LinkedHashSet;
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
 * <p>An update that would create state already past its expiry (e.g. a duplicate of a closure
 * delivered after the request was forgotten) is not stored: it goes to {@link #STALE_UPDATES} and
 * is counted ({@code zonestat.staleRequestUpdates}), so it can neither resurrect the request nor
 * repeat its notification.
 */
public final class RequestLifecycleFunction extends KeyedProcessFunction<String, RequestUpdate, Alert> {
    private static final long serialVersionUID = 1L;

    /** Closing-the-loop notifications. */
    public static final OutputTag<Notification> NOTIFICATIONS = new OutputTag<>("notifications") {};

    /** Updates that arrived after their request's state had expired. */
    public static final OutputTag<RequestUpdate> STALE_UPDATES = new OutputTag<>("stale-request-updates") {};

    private final RequestLifecycle lifecycle;

    private transient ValueState<RequestState> state;
    private transient Counter stale;

    public RequestLifecycleFunction(RequestLifecycle lifecycle) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(stateDescriptor());
        stale = getRuntimeContext().getMetricGroup().addGroup("zonestat").counter("staleRequestUpdates");
    }

    /** The descriptor of the per-request state (tests read the state through it). */
    static ValueStateDescriptor<RequestState> stateDescriptor() {
        return new ValueStateDescriptor<>("request", TypeInformation.of(RequestState.class));
    }

    @Override
    public void processElement(RequestUpdate update, Context ctx, Collector<Alert> out) throws Exception {
        RequestState current = state.value();
        RequestState next = lifecycle.apply(current, update);
        TimerService timers = ctx.timerService();
        if (current == null && lifecycle.expiryTime(next).toEpochMilli() <= timers.currentWatermark()) {
            stale.inc();
            ctx.output(STALE_UPDATES, update);
            return;
        }
        state.update(schedule(next, timers, null));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        RequestState s = state.value();
        if (s == null) {
            return;
        }
        if (s.alertTimer() != null && s.alertTimer() == timestamp) {
            if (s.phase() == RequestPhase.CLOSED) {
                ctx.output(NOTIFICATIONS, lifecycle.closingNotification(s));
                s = s.withAnnouncements(s.overdueAlertedFor(), s.statusAt());
            } else {
                out.collect(lifecycle.overdueAlert(s));
                s = s.withAnnouncements(lifecycle.dueAt(s), s.notifiedAt());
            }
        }
        if (s.expiryTimer() != null && s.expiryTimer() <= timestamp) {
            if (s.alertTimer() != null && s.alertTimer() != timestamp) {
                ctx.timerService().deleteEventTimeTimer(s.alertTimer());
            }
            state.clear();
            return;
        }
        state.update(schedule(s, ctx.timerService(), timestamp));
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
