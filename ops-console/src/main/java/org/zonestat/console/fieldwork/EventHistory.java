package org.zonestat.console.fieldwork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.zonestat.console.sitevisit.CodeEnforcement;
import org.zonestat.topics.EventMessage;

/**
 * The part of {@code events} the place statistics and the Knox table need, held in memory: every
 * violent incident (homicide, shooting, aggravated assault, robbery, other violent) as a point in
 * time and space, and every 311 code-enforcement request (the types the city's profile lists as
 * code enforcement, e.g. every type starting {@code HCD-}) folded from its lifecycle steps into
 * when it was created, when it closed and when it is due. A few numbers per incident or request: a
 * city's years of violent incidents and code-enforcement requests fit in tens of megabytes.
 *
 * <p>Filled by the console's {@code TopicFeed} from the topic's beginning; a redelivered event
 * (same id) is counted once. Thread-safe: every method synchronizes on the history.
 */
public final class EventHistory {
    /** The incident kinds counted as violent around a place. */
    public static final Set<String> VIOLENT =
            Set.of("HOMICIDE", "SHOOTING", "AGGRAVATED_ASSAULT", "ROBBERY", "OTHER_VIOLENT");

    /** One violent incident. */
    public record Incident(String eventId, String kind, Instant at, double lon, double lat) {
        /** A homicide or a shooting. */
        public boolean isGunViolence() {
            return kind.equals("HOMICIDE") || kind.equals("SHOOTING");
        }
    }

    /**
     * One 311 code-enforcement request.
     *
     * @param createdAt its earliest step
     * @param closedAt its earliest closing step, or null while open
     * @param dueAt its due time, or null when no step carried one
     */
    public record Request(
            String requestId,
            String type,
            Instant createdAt,
            Instant closedAt,
            Instant dueAt,
            double lon,
            double lat) {
        /** Open at {@code t}: created by then, not closed by then. */
        public boolean openAt(Instant t) {
            return !createdAt.isAfter(t) && (closedAt == null || closedAt.isAfter(t));
        }

        /** Open and past its due time at {@code t}. */
        public boolean overdueAt(Instant t) {
            return openAt(t) && dueAt != null && dueAt.isBefore(t);
        }
    }

    private final CodeEnforcement codeEnforcement;
    private final Map<String, Incident> incidents = new HashMap<>();
    private final Map<String, Request> requests = new HashMap<>();
    private List<Incident> sorted;

    /** An empty history that keeps the requests {@code codeEnforcement} covers. */
    public EventHistory(CodeEnforcement codeEnforcement) {
        this.codeEnforcement = codeEnforcement;
    }

    /**
     * Adds an event of {@code events}; anything but a violent incident or a code-enforcement
     * request is ignored.
     */
    public synchronized void accept(EventMessage e) {
        if ("incident".equals(e.stream()) && VIOLENT.contains(e.kind().toUpperCase(Locale.ROOT))) {
            if (incidents.putIfAbsent(
                            e.eventId(),
                            new Incident(
                                    e.eventId(),
                                    e.kind().toUpperCase(Locale.ROOT),
                                    e.occurredAt(),
                                    e.lon(),
                                    e.lat()))
                    == null) {
                sorted = null;
            }
        } else if (EventMessage.REQUEST_311.equals(e.stream())
                && codeEnforcement.covers(e.type())) {
            String id = e.recordId() != null ? e.recordId() : e.eventId();
            boolean closing = e.status() != null && e.status().startsWith("Closed");
            requests.merge(
                    id,
                    new Request(
                            id,
                            e.type(),
                            e.occurredAt(),
                            closing ? e.occurredAt() : null,
                            e.dueAt(),
                            e.lon(),
                            e.lat()),
                    EventHistory::fold);
        }
    }

    private static Request fold(Request a, Request b) {
        Instant created = a.createdAt().isBefore(b.createdAt()) ? a.createdAt() : b.createdAt();
        Instant closed =
                a.closedAt() == null
                        ? b.closedAt()
                        : b.closedAt() == null || a.closedAt().isBefore(b.closedAt())
                                ? a.closedAt()
                                : b.closedAt();
        return new Request(
                a.requestId(),
                a.type(),
                created,
                closed,
                a.dueAt() != null ? a.dueAt() : b.dueAt(),
                a.lon(),
                a.lat());
    }

    /** The violent incidents with {@code from <= at < until}, oldest first. */
    public synchronized List<Incident> incidents(Instant from, Instant until) {
        if (sorted == null) {
            sorted = new ArrayList<>(incidents.values());
            sorted.sort(
                    java.util.Comparator.comparing(Incident::at).thenComparing(Incident::eventId));
        }
        int lo = lowerBound(sorted, from);
        int hi = lowerBound(sorted, until);
        return List.copyOf(sorted.subList(lo, hi));
    }

    /** Every code-enforcement request created before {@code until}. */
    public synchronized List<Request> requestsBefore(Instant until) {
        return requests.values().stream().filter(r -> r.createdAt().isBefore(until)).toList();
    }

    /** How many violent incidents are held. */
    public synchronized int size() {
        return incidents.size();
    }

    private static int lowerBound(List<Incident> list, Instant t) {
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).at().isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
