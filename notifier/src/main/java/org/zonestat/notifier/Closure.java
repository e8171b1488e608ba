package org.zonestat.notifier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The fields of a {@code notifications} record the notifier uses: which closure of which request,
 * and what to tell the resident about it. Unknown fields are ignored.
 *
 * @param notificationId one per closure ({@code close-loop/<request>/<closedAt>}): the key the
 *     notifier delivers exactly once
 * @param requestId the 311 request, the key of its contact on {@code contacts}
 * @param type the request type, or null
 * @param outcome the closing status ({@code Closed}, {@code Closed (Duplicate)}, ...)
 * @param createdAt when the request was made
 * @param closedAt when it was closed
 * @param daysOpen days it was open
 * @param metDueDate whether it was closed by its due time
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Closure(
        @JsonProperty(value = "notificationId", required = true) String notificationId,
        @JsonProperty(value = "requestId", required = true) String requestId,
        @JsonProperty("type") String type,
        @JsonProperty(value = "outcome", required = true) String outcome,
        @JsonProperty("createdAt") Instant createdAt,
        @JsonProperty(value = "closedAt", required = true) Instant closedAt,
        @JsonProperty("daysOpen") double daysOpen,
        @JsonProperty("metDueDate") boolean metDueDate) {

    public Closure {
        if (notificationId == null || notificationId.isBlank()) {
            throw new IllegalArgumentException("notificationId is required");
        }
        if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException("requestId is required");
        }
        if (closedAt == null) {
            throw new IllegalArgumentException("closedAt is required");
        }
    }
}
