package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One status update of a 311 request, as the lifecycle operator consumes it.
 *
 * @param requestId the source's request id (Baltimore ServiceRequestNum); the key
 * @param eventId the idempotent event id of the update
 * @param type the request type (Baltimore SRType)
 * @param status the status text as sent (New, Open, Closed (Duplicate), ...)
 * @param occurredAt when the status changed, event time
 * @param dueAt the due time the source itself set, or null when it sent none (then the service
 *     level table decides)
 * @param contact how the requester can be reached; {@link ContactChannel#NONE} without contact
 *     details
 * @param lon longitude, WGS84 degrees
 * @param lat latitude, WGS84 degrees
 * @param zones layer id to zone name
 */
public record RequestUpdate(
        String requestId,
        String eventId,
        String type,
        String status,
        Instant occurredAt,
        Instant dueAt,
        ContactChannel contact,
        double lon,
        double lat,
        Map<String, String> zones) {
    public RequestUpdate {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(contact, "contact");
        zones = Map.copyOf(Objects.requireNonNull(zones, "zones"));
    }

    public RequestPhase phase() {
        return RequestPhase.of(status);
    }
}
