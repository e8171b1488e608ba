package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A closing-the-loop notification the notifier could not deliver after its last try, on {@code
 * notification-dead-letters} (key: the notification id), for people to look into and re-drive. The
 * notification itself stays on {@code notifications}; the error text has the resident's address and
 * phone number blanked out, so this topic holds no contact details.
 *
 * <p>Immutable and thread-safe.
 *
 * @param notificationId the notification that was not delivered
 * @param requestId its 311 request
 * @param channel {@code email} or {@code webhook}
 * @param attempts how many tries were made
 * @param lastError what the last try answered, contact details blanked out
 * @param permanent whether the relay refused it for good (a rejected recipient, a 4xx from the
 *     webhook) rather than failing every try
 * @param at when the notifier gave up
 */
public record DeadLetterMessage(
        @JsonProperty(required = true) String notificationId,
        @JsonProperty(required = true) String requestId,
        @JsonProperty(required = true) String channel,
        @JsonProperty(required = true) int attempts,
        @JsonProperty(required = true) String lastError,
        @JsonProperty(required = true) boolean permanent,
        @JsonProperty(required = true) Instant at)
        implements TopicMessage {

    public DeadLetterMessage {
        if (notificationId == null || notificationId.isBlank()) {
            throw new IllegalArgumentException("notificationId is required");
        }
        if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException("requestId is required");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
        }
        if (at == null) {
            throw new IllegalArgumentException("at is required");
        }
        lastError = lastError == null ? "" : lastError;
    }
}
