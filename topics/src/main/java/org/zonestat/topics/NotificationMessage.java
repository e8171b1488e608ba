package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * A closing-the-loop message for the requester of a 311 request, on {@code notifications}: what was
 * done and how long it took. It carries no contact details, only the channel to use. Key: {@code
 * notificationId}; record timestamp: {@code closedAt}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param notificationId {@code close-loop/<request>/<closedAt>}: one per closure
 * @param requestId the request
 * @param type its type, or null
 * @param outcome its closing status ({@code Closed}, {@code Closed (Duplicate)}, ...)
 * @param createdAt when the request was first seen
 * @param closedAt when it was closed
 * @param daysOpen days from creation to closure
 * @param dueAt the due time in force
 * @param metDueDate closed by the due time
 * @param reopenedBefore the request had been closed and reopened before
 * @param channel {@code sms}, {@code email} or {@code none}
 * @param zones layer id to zone name of the request's location
 */
public record NotificationMessage(
        @JsonProperty(required = true) String notificationId,
        @JsonProperty(required = true) String requestId,
        String type,
        @JsonProperty(required = true) String outcome,
        @JsonProperty(required = true) Instant createdAt,
        @JsonProperty(required = true) Instant closedAt,
        @JsonProperty(required = true) double daysOpen,
        @JsonProperty(required = true) Instant dueAt,
        @JsonProperty(required = true) boolean metDueDate,
        @JsonProperty(required = true) boolean reopenedBefore,
        @JsonProperty(required = true) String channel,
        Map<String, String> zones)
        implements OutputMessage {

    public NotificationMessage {
        Fields.requireText(notificationId, "notificationId");
        Fields.requireText(requestId, "requestId");
        Fields.requireText(outcome, "outcome");
        Fields.require(createdAt, "createdAt");
        Fields.require(closedAt, "closedAt");
        Fields.require(dueAt, "dueAt");
        Fields.requireText(channel, "channel");
        zones = Fields.copy(zones);
    }

    @Override
    public String key() {
        return notificationId;
    }

    @Override
    public Instant timestamp() {
        return closedAt;
    }
}
