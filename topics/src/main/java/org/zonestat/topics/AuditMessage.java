package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One read of restricted data, on {@code audit}: who read what, when. The console writes one for
 * every delivery of a restricted alert (a monitored device near a crime scene) and for every read
 * of a monitored device's track (once per device per live connection, and on each track request).
 * Key: {@code subject}; record timestamp: {@code at}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when it was read
 * @param actor who: the role and a fingerprint of the access token, {@code analyst:3f9a1c2e} (the
 *     first 8 hex digits of the token's SHA-256, so an admin can tell tokens apart without the
 *     topic holding them)
 * @param role the reader's role
 * @param action {@value #ALERT_READ}, {@value #TRACK_READ} or {@value #LIVE_TRACK}
 * @param subject the alert id or the monitored device id
 * @param detail where it was read, e.g. {@code GET /api/tracks/{deviceId}} or {@code /ws/live}
 */
public record AuditMessage(
        @JsonProperty(required = true) Instant at,
        @JsonProperty(required = true) String actor,
        @JsonProperty(required = true) String role,
        @JsonProperty(required = true) String action,
        @JsonProperty(required = true) String subject,
        String detail)
        implements OutputMessage {

    /** A restricted alert was delivered to the reader. */
    public static final String ALERT_READ = "alert-read";

    /** A monitored device's track was read through the API. */
    public static final String TRACK_READ = "track-read";

    /** A monitored device's live positions were sent to the reader's map. */
    public static final String LIVE_TRACK = "live-track";

    public AuditMessage {
        Fields.require(at, "at");
        Fields.requireText(actor, "actor");
        Fields.requireText(role, "role");
        Fields.requireText(action, "action");
        Fields.requireText(subject, "subject");
    }

    @Override
    public String key() {
        return subject;
    }

    @Override
    public Instant timestamp() {
        return at;
    }
}
