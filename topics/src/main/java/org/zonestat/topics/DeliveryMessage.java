package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Set;

/**
 * What the notifier did with one closing-the-loop notification, on the compacted {@code
 * notification-deliveries} topic (key: the notification id). The notifier writes it in the same
 * Kafka transaction as its consumer offsets, and reads the topic back on start, so a notification
 * already delivered (or given up on) is never sent again, whatever restarts. It carries no contact
 * details.
 *
 * <p>Immutable and thread-safe.
 *
 * @param notificationId the notification ({@code close-loop/<request>/<closedAt>})
 * @param requestId its 311 request
 * @param channel {@code email} or {@code webhook}
 * @param outcome {@code delivered}, or {@code dead-letter} after the last try failed
 * @param attempts how many tries it took
 * @param at when the outcome was reached
 */
public record DeliveryMessage(
        @JsonProperty(required = true) String notificationId,
        @JsonProperty(required = true) String requestId,
        @JsonProperty(required = true) String channel,
        @JsonProperty(required = true) String outcome,
        @JsonProperty(required = true) int attempts,
        @JsonProperty(required = true) Instant at)
        implements TopicMessage {

    public static final String DELIVERED = "delivered";
    public static final String DEAD_LETTER = "dead-letter";
    private static final Set<String> OUTCOMES = Set.of(DELIVERED, DEAD_LETTER);

    public DeliveryMessage {
        if (notificationId == null || notificationId.isBlank()) {
            throw new IllegalArgumentException("notificationId is required");
        }
        if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException("requestId is required");
        }
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("channel is required");
        }
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException(
                    "outcome must be delivered or dead-letter, was " + outcome);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
        }
        if (at == null) {
            throw new IllegalArgumentException("at is required");
        }
    }
}
