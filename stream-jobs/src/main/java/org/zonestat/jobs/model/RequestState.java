package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the lifecycle operator remembers about one 311 request: its latest update (by the lifecycle
 * order, see {@code RequestLifecycle}), order-independent summaries of all updates, and what it has
 * already announced and scheduled. Flat and immutable; every change is a new value.
 *
 * @param requestId the key
 * @param type the latest update's request type
 * @param phase the latest update's phase
 * @param status the latest update's status text
 * @param statusAt the latest update's time (the closure time when closed)
 * @param statusEventId the latest update's event id
 * @param lon the latest update's longitude
 * @param lat the latest update's latitude
 * @param zones the latest update's zones
 * @param createdAt the earliest update time seen
 * @param lastOpenAt the latest time of a NEW or OPEN update; null if none
 * @param firstClosedAt the earliest time of a CLOSED update; null if none
 * @param sourceDueAt the latest due time any update carried; null if none did
 * @param contact the preferred contact channel any update carried
 * @param overdueAlertedFor the due time an overdue alert was raised for; null if none
 * @param notifiedAt the closure time a closing-the-loop notification was sent for; null if none
 * @param alertTimer the registered alert timer (due or closure time, epoch ms); null if none
 * @param expiryTimer the registered timer that clears this state (epoch ms); null if none
 */
public record RequestState(
        String requestId,
        String type,
        RequestPhase phase,
        String status,
        Instant statusAt,
        String statusEventId,
        double lon,
        double lat,
        Map<String, String> zones,
        Instant createdAt,
        Instant lastOpenAt,
        Instant firstClosedAt,
        Instant sourceDueAt,
        ContactChannel contact,
        Instant overdueAlertedFor,
        Instant notifiedAt,
        Long alertTimer,
        Long expiryTimer) {
    public RequestState {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusAt, "statusAt");
        Objects.requireNonNull(statusEventId, "statusEventId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(contact, "contact");
        zones = Map.copyOf(Objects.requireNonNull(zones, "zones"));
    }

    /** A request that has been closed and then had a later NEW or OPEN update. */
    public boolean reopened() {
        return phase != RequestPhase.CLOSED && firstClosedAt != null;
    }

    public RequestState withAnnouncements(Instant overdueFor, Instant notified) {
        return new RequestState(
                requestId,
                type,
                phase,
                status,
                statusAt,
                statusEventId,
                lon,
                lat,
                zones,
                createdAt,
                lastOpenAt,
                firstClosedAt,
                sourceDueAt,
                contact,
                overdueFor,
                notified,
                alertTimer,
                expiryTimer);
    }

    public RequestState withTimers(Long alert, Long expiry) {
        return new RequestState(
                requestId,
                type,
                phase,
                status,
                statusAt,
                statusEventId,
                lon,
                lat,
                zones,
                createdAt,
                lastOpenAt,
                firstClosedAt,
                sourceDueAt,
                contact,
                overdueAlertedFor,
                notifiedAt,
                alert,
                expiry);
    }
}
