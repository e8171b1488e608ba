package org.zonestat.console.scorecard;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.zonestat.topics.EventMessage;

/**
 * Every 311 service request seen on the {@code events} topic ({@code "stream": "request311"}
 * records), folded to its current state per request id: the Open311 GeoReport v2 view a resident
 * looks up. Updates may arrive out of order or twice; the latest {@code occurredAt} decides the
 * status (ties: a closing status wins, as in the stream job).
 *
 * <p>Thread-safe: all methods synchronize on the object.
 */
public final class Open311Requests {
    private final Map<String, ServiceRequest> byId = new HashMap<>();

    /**
     * A request's current state.
     *
     * @param id the source's request id ({@code service_request_id})
     * @param serviceName the 311 type
     * @param statusText the latest status as the source wrote it, e.g. {@code Closed (Duplicate)}
     * @param requestedAt the earliest update's time
     * @param updatedAt the latest update's time
     * @param dueAt the due time if a record carried one ({@code dueAt}), else null
     * @param address block address, or null
     * @param lon longitude
     * @param lat latitude
     * @param zones layer id → zone name
     */
    public record ServiceRequest(
            String id,
            String serviceName,
            String statusText,
            Instant requestedAt,
            Instant updatedAt,
            Instant dueAt,
            String address,
            double lon,
            double lat,
            Map<String, String> zones) {

        /** {@code closed} for any status beginning with "Closed", else {@code open}. */
        public String status() {
            return isClosed(statusText) ? "closed" : "open";
        }

        public boolean isOpen() {
            return !isClosed(statusText);
        }
    }

    static boolean isClosed(String status) {
        return status != null && status.regionMatches(true, 0, "closed", 0, 6);
    }

    /** Folds a 311 event of the {@code events} topic in; events of other streams are ignored. */
    public void accept(EventMessage e) {
        if (!EventMessage.REQUEST_311.equals(e.stream()) || e.recordId() == null) {
            return;
        }
        accept(
                new ServiceRequest(
                        e.recordId(),
                        e.type(),
                        e.status(),
                        e.occurredAt(),
                        e.occurredAt(),
                        e.dueAt(),
                        e.address(),
                        e.lon(),
                        e.lat(),
                        e.zones()));
    }

    /** Folds one update into the request's state. */
    public synchronized void accept(ServiceRequest update) {
        byId.merge(update.id(), update, Open311Requests::fold);
    }

    private static ServiceRequest fold(ServiceRequest held, ServiceRequest u) {
        boolean newer =
                u.updatedAt().isAfter(held.updatedAt())
                        || (u.updatedAt().equals(held.updatedAt()) && isClosed(u.statusText()));
        ServiceRequest latest = newer ? u : held;
        Instant requested =
                u.requestedAt().isBefore(held.requestedAt()) ? u.requestedAt() : held.requestedAt();
        Instant due = latest.dueAt() != null ? latest.dueAt() : (newer ? held.dueAt() : u.dueAt());
        return new ServiceRequest(
                held.id(),
                latest.serviceName() != null ? latest.serviceName() : held.serviceName(),
                latest.statusText(),
                requested,
                latest.updatedAt(),
                due,
                latest.address() != null ? latest.address() : held.address(),
                latest.lon(),
                latest.lat(),
                latest.zones());
    }

    public synchronized Optional<ServiceRequest> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The requested time of the most recent request; null when there is none. */
    public synchronized Instant newestRequested() {
        return byId.values().stream()
                .map(ServiceRequest::requestedAt)
                .max(Comparator.naturalOrder())
                .orElse(null);
    }

    public synchronized int size() {
        return byId.size();
    }

    /** The matching requests, most recently requested first, at most {@code limit}. */
    public synchronized List<ServiceRequest> find(Predicate<ServiceRequest> filter, int limit) {
        return byId.values().stream()
                .filter(filter)
                .sorted(
                        Comparator.comparing(ServiceRequest::requestedAt)
                                .reversed()
                                .thenComparing(ServiceRequest::id))
                .limit(limit)
                .toList();
    }

    /** Requests in the zone that were requested by {@code asOf} and not closed by then. */
    public synchronized long openIn(String layer, String zone, Instant asOf) {
        return byId.values().stream()
                .filter(r -> zone.equals(r.zones().get(layer)))
                .filter(r -> !r.requestedAt().isAfter(asOf))
                .filter(r -> r.isOpen() || r.updatedAt().isAfter(asOf))
                .count();
    }
}
