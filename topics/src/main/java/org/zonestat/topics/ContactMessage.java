package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * How to reach the resident who filed a 311 request, on the restricted, compacted {@code contacts}
 * topic (key: the request id). Written by the console's Open311 intake in the same Kafka
 * transaction as the request's first lifecycle step on {@code requests311.raw} (which carries none
 * of these fields), and read only by the notifier: contact details never pass through the job.
 *
 * <p>Immutable and thread-safe.
 *
 * @param requestId the 311 request ({@code service_request_id})
 * @param email e-mail address, or null
 * @param phone phone number as given, or null
 * @param firstName given name, or null
 * @param lastName family name, or null
 * @param givenAt when the resident gave them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactMessage(
        @JsonProperty(required = true) String requestId,
        String email,
        String phone,
        String firstName,
        String lastName,
        @JsonProperty(required = true) Instant givenAt)
        implements TopicMessage {

    public ContactMessage {
        if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException("requestId is required");
        }
        Objects.requireNonNull(givenAt, "givenAt is required");
        if (email == null && phone == null) {
            throw new IllegalArgumentException("a contact needs an email or a phone");
        }
    }

    /** A name to greet the resident with, or null when none was given. */
    public String displayName() {
        if (firstName == null && lastName == null) {
            return null;
        }
        return firstName == null
                ? lastName
                : lastName == null ? firstName : firstName + " " + lastName;
    }
}
