package org.zonestat.jobs.analytics;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.ContactChannel;
import org.zonestat.jobs.model.Notification;
import org.zonestat.jobs.model.RequestPhase;
import org.zonestat.jobs.model.RequestState;
import org.zonestat.jobs.model.RequestUpdate;

/**
 * The rules of a 311 request's lifecycle, as pure functions of {@link RequestState} and {@link
 * RequestUpdate}; {@link RequestLifecycleFunction} runs them in Flink.
 *
 * <h2>Order of updates</h2>
 *
 * Updates arrive out of order and more than once, so the state is defined so that <b>any order of
 * the same updates gives the same state</b>:
 *
 * <ul>
 *   <li>The <em>latest</em> update decides type, phase, status, location and zones. Updates are
 *       ordered by {@code occurredAt}, then by phase rank (NEW &lt; OPEN &lt; CLOSED, so at the
 *       same instant a closure wins), then by status text, type, lon, lat, zones and event id (ties
 *       broken so the order is total). An update that orders before the latest one changes only the
 *       summaries below; an equal one is a duplicate and changes nothing.
 *   <li>A <em>reopen</em> is simply a NEW or OPEN update later than a closure: it becomes the
 *       latest. An OPEN update older than the closure is a stale delivery and is ignored.
 *   <li>Summaries are commutative: {@code createdAt} = earliest update, {@code lastOpenAt} = latest
 *       NEW/OPEN update, {@code firstClosedAt} = earliest CLOSED update, {@code sourceDueAt} =
 *       latest due time carried, contact = preferred channel carried.
 * </ul>
 *
 * <h2>Due time, alerts and notifications</h2>
 *
 * Due time = {@code sourceDueAt} when any update carried one, else {@code createdAt} plus the
 * {@link ServiceLevels} of the type. A reopen does not move the due time. At most one overdue alert
 * is raised per due time, when the watermark passes it and the request is not closed. One
 * closing-the-loop notification is sent per closure episode, when the watermark passes the closure
 * time and the request is still closed (so a reopen or duplicate delivered within the watermark's
 * bound does not cause a spurious message); a closure after a reopen is a new episode.
 *
 * <h2>Expiry</h2>
 *
 * A closed request is forgotten {@code closedRetention} after its closure time; an open one {@code
 * openRetention} after its latest update or its due time, whichever is later.
 *
 * <p>Immutable and thread-safe.
 */
public final class RequestLifecycle implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Comparator<String> NULLS_FIRST =
            Comparator.nullsFirst(Comparator.naturalOrder());

    private final ServiceLevels serviceLevels;
    private final Duration closedRetention;
    private final Duration openRetention;
    private final String priorityLayer;

    public RequestLifecycle(
            ServiceLevels serviceLevels,
            Duration closedRetention,
            Duration openRetention,
            String priorityLayer) {
        this.serviceLevels = Objects.requireNonNull(serviceLevels, "serviceLevels");
        this.closedRetention = Objects.requireNonNull(closedRetention, "closedRetention");
        this.openRetention = Objects.requireNonNull(openRetention, "openRetention");
        this.priorityLayer = Objects.requireNonNull(priorityLayer, "priorityLayer");
    }

    public static RequestLifecycle of(AnalyticsConfig config) {
        return new RequestLifecycle(
                config.serviceLevels(),
                config.closedRetention(),
                config.openRetention(),
                config.priorityLayer());
    }

    /**
     * The state after an update. Announcements and timers are carried over unchanged; the caller
     * reschedules.
     *
     * @param state the current state, or null for a request not seen (or already forgotten)
     */
    public RequestState apply(RequestState state, RequestUpdate u) {
        RequestPhase phase = u.phase();
        if (state == null) {
            return new RequestState(
                    u.requestId(),
                    u.type(),
                    phase,
                    u.status(),
                    u.occurredAt(),
                    u.eventId(),
                    u.lon(),
                    u.lat(),
                    u.zones(),
                    u.occurredAt(),
                    phase == RequestPhase.CLOSED ? null : u.occurredAt(),
                    phase == RequestPhase.CLOSED ? u.occurredAt() : null,
                    u.dueAt(),
                    u.contact(),
                    null,
                    null,
                    null,
                    null);
        }
        Instant createdAt = min(state.createdAt(), u.occurredAt());
        Instant lastOpenAt =
                phase == RequestPhase.CLOSED
                        ? state.lastOpenAt()
                        : max(state.lastOpenAt(), u.occurredAt());
        Instant firstClosedAt =
                phase == RequestPhase.CLOSED
                        ? min(state.firstClosedAt(), u.occurredAt())
                        : state.firstClosedAt();
        Instant sourceDueAt = max(state.sourceDueAt(), u.dueAt());
        ContactChannel contact = ContactChannel.preferred(state.contact(), u.contact());
        boolean latest = compareToLatest(u, state) > 0;
        return new RequestState(
                state.requestId(),
                latest ? u.type() : state.type(),
                latest ? phase : state.phase(),
                latest ? u.status() : state.status(),
                latest ? u.occurredAt() : state.statusAt(),
                latest ? u.eventId() : state.statusEventId(),
                latest ? u.lon() : state.lon(),
                latest ? u.lat() : state.lat(),
                latest ? u.zones() : state.zones(),
                createdAt,
                lastOpenAt,
                firstClosedAt,
                sourceDueAt,
                contact,
                state.overdueAlertedFor(),
                state.notifiedAt(),
                state.alertTimer(),
                state.expiryTimer());
    }

    /** Positive when the update orders after the state's latest update, 0 when it is the same. */
    static int compareToLatest(RequestUpdate u, RequestState s) {
        int c = u.occurredAt().compareTo(s.statusAt());
        if (c == 0) {
            c = Integer.compare(u.phase().ordinal(), s.phase().ordinal());
        }
        if (c == 0) {
            c = u.status().compareTo(s.status());
        }
        if (c == 0) {
            c = NULLS_FIRST.compare(u.type(), s.type());
        }
        if (c == 0) {
            c = Double.compare(u.lon(), s.lon());
        }
        if (c == 0) {
            c = Double.compare(u.lat(), s.lat());
        }
        if (c == 0) {
            c = canonical(u.zones()).compareTo(canonical(s.zones()));
        }
        if (c == 0) {
            c = u.eventId().compareTo(s.statusEventId());
        }
        return c;
    }

    /** The due time in force. */
    public Instant dueAt(RequestState s) {
        return s.sourceDueAt() != null
                ? s.sourceDueAt()
                : s.createdAt().plus(serviceLevels.forType(s.type()));
    }

    /** Whether the current closure episode has already been announced. */
    public boolean closureNotified(RequestState s) {
        return s.notifiedAt() != null
                && (s.lastOpenAt() == null || !s.notifiedAt().isBefore(s.lastOpenAt()));
    }

    /**
     * When the next announcement is due: the closure time of an unannounced closure, or the due
     * time of an open request not yet alerted for it; null when nothing is pending.
     */
    public Instant alertTime(RequestState s) {
        if (s.phase() == RequestPhase.CLOSED) {
            return closureNotified(s) ? null : s.statusAt();
        }
        Instant due = dueAt(s);
        return due.equals(s.overdueAlertedFor()) ? null : due;
    }

    /** When the state is forgotten. Never before {@link #alertTime}. */
    public Instant expiryTime(RequestState s) {
        if (s.phase() == RequestPhase.CLOSED) {
            return s.statusAt().plus(closedRetention);
        }
        return max(s.statusAt(), dueAt(s)).plus(openRetention);
    }

    /** A stretch of event time, {@code [start, end)}; {@code end} is null while it lasts. */
    public record Span(Instant start, Instant end) {}

    /**
     * When a request counts as open on its zones' scorecards: from its first report to its closure
     * (a request closed and reopened counts as open in between); null for no request.
     */
    public Span openSpan(RequestState s) {
        return s == null
                ? null
                : new Span(s.createdAt(), s.phase() == RequestPhase.CLOSED ? s.statusAt() : null);
    }

    /**
     * When a request counts as overdue: from its due time to its closure, once the overdue alert
     * for the due time in force has been raised (so never ahead of the watermark); else null.
     */
    public Span overdueSpan(RequestState s) {
        if (s == null || s.overdueAlertedFor() == null || !s.overdueAlertedFor().equals(dueAt(s))) {
            return null;
        }
        Instant end = s.phase() == RequestPhase.CLOSED ? s.statusAt() : null;
        return end != null && !end.isAfter(s.overdueAlertedFor())
                ? null
                : new Span(s.overdueAlertedFor(), end);
    }

    /** The overdue alert for an open request whose due time has passed. */
    public Alert overdueAlert(RequestState s) {
        Instant due = dueAt(s);
        return new Alert(
                AlertType.OVERDUE_311.code() + "/" + s.requestId() + "/" + due,
                AlertType.OVERDUE_311,
                due,
                s.requestId(),
                null,
                s.type(),
                s.lon(),
                s.lat(),
                s.zones(),
                due,
                Double.NaN,
                s.zones().containsKey(priorityLayer));
    }

    /** The closing-the-loop notification for a closed request. */
    public Notification closingNotification(RequestState s) {
        Instant due = dueAt(s);
        double daysOpen = Duration.between(s.createdAt(), s.statusAt()).toSeconds() / 86_400.0;
        boolean reopenedBefore =
                s.firstClosedAt() != null
                        && s.lastOpenAt() != null
                        && s.firstClosedAt().isBefore(s.lastOpenAt());
        return new Notification(
                "close-loop/" + s.requestId() + "/" + s.statusAt(),
                s.requestId(),
                s.type(),
                s.status(),
                s.createdAt(),
                s.statusAt(),
                daysOpen,
                due,
                !s.statusAt().isAfter(due),
                reopenedBefore,
                s.contact(),
                s.zones());
    }

    private static String canonical(Map<String, String> zones) {
        return new TreeMap<>(zones).toString();
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
