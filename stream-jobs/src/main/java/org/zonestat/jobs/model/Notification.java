package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A closing-the-loop message for the requester of a 311 request ({@code notifications} topic): what
 * was done and how long it took. Carries no contact data itself, only the channel to use; a
 * delivery service that holds the contact details looks them up by request id.
 *
 * @param notificationId deterministic id {@code close-loop/<request>/<closedAt>}
 * @param requestId the request
 * @param type the request type
 * @param outcome the closing status text (Closed, Closed (Duplicate), Closed (Transferred))
 * @param createdAt when the request was first seen
 * @param closedAt when it was closed
 * @param daysOpen {@code closedAt - createdAt} in days
 * @param dueAt the due time in force
 * @param metDueDate whether it was closed by its due time
 * @param reopenedBefore whether it had been closed before and reopened
 * @param channel sms, email, or none when the request carries no contact details
 * @param zones layer id to zone name
 */
public record Notification(
        String notificationId,
        String requestId,
        String type,
        String outcome,
        Instant createdAt,
        Instant closedAt,
        double daysOpen,
        Instant dueAt,
        boolean metDueDate,
        boolean reopenedBefore,
        ContactChannel channel,
        Map<String, String> zones) {
    public Notification {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(channel, "channel");
        zones = Map.copyOf(Objects.requireNonNull(zones, "zones"));
    }
}
