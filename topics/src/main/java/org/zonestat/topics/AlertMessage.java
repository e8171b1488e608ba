package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alert on {@code alerts}: a near repeat (a new shooting near a recent one), a 311 request
 * overdue, a tip matching an incident, a shooting or homicide with the units nearest to it, or a
 * monitored device that passed near one (restricted). One flat shape for every type; fields that do
 * not apply are null, and the fields added with positions ({@code units}, {@code restricted},
 * {@code passedAt}) are left out where they do not apply, so older readers see what they always
 * saw. Key: {@code alertId}; record timestamp: {@code at}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param alertId stable id: a redelivered alert has the same one (e.g. {@code
 *     near-repeat/<earlier>/<later>}, {@code overdue-311/<request>/<due>})
 * @param type {@code near-repeat}, {@code overdue-311}, {@code tip-match}, {@code violence} or
 *     {@code monitored-near-scene}
 * @param at event time of the alert (the new event, or the due time that passed)
 * @param subjectId the new event's id, the 311 request id, or the tip's id (monitored near a scene:
 *     the incident's id)
 * @param relatedId near repeats: the earlier event's id; tip matches: the incident's id; monitored
 *     near a scene: the device id; else null
 * @param category incident kind or 311 type
 * @param lon longitude of the subject, WGS84 degrees
 * @param lat latitude of the subject, WGS84 degrees
 * @param zones layer id to zone name of the subject's location
 * @param dueAt 311: the due time that passed; else null
 * @param distanceMeters near repeats and tip matches: the distance between the two; monitored near
 *     a scene: how close the track passed; else null
 * @param priority the subject (or, for a near repeat, either event) lies in a VRI zone
 * @param units violence: the nearest available units, nearest first (possibly none); else left out
 * @param restricted true for alerts only analysts and admins may read (every read is audited); left
 *     out for the others
 * @param passedAt monitored near a scene: when the track passed closest; else left out
 */
public record AlertMessage(
        @JsonProperty(required = true) String alertId,
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) Instant at,
        String subjectId,
        String relatedId,
        String category,
        @JsonProperty(required = true) double lon,
        @JsonProperty(required = true) double lat,
        Map<String, String> zones,
        Instant dueAt,
        Double distanceMeters,
        boolean priority,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<NearbyUnit> units,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean restricted,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant passedAt)
        implements OutputMessage {

    /** The {@code type} of a shooting or homicide near a recent one. */
    public static final String NEAR_REPEAT = "near-repeat";

    /** The {@code type} of a 311 request still open past its due time. */
    public static final String OVERDUE_311 = "overdue-311";

    /** The {@code type} of a tip near an incident. */
    public static final String TIP_MATCH = "tip-match";

    /** The {@code type} of a shooting or homicide, naming the nearest available units. */
    public static final String VIOLENCE = "violence";

    /**
     * The {@code type} of a monitored device whose track passed near a shooting or homicide:
     * restricted.
     */
    public static final String MONITORED_NEAR_SCENE = "monitored-near-scene";

    /** An alert of the types that existed before positions (no units, not restricted). */
    public AlertMessage(
            String alertId,
            String type,
            Instant at,
            String subjectId,
            String relatedId,
            String category,
            double lon,
            double lat,
            Map<String, String> zones,
            Instant dueAt,
            Double distanceMeters,
            boolean priority) {
        this(
                alertId,
                type,
                at,
                subjectId,
                relatedId,
                category,
                lon,
                lat,
                zones,
                dueAt,
                distanceMeters,
                priority,
                null,
                null,
                null);
    }

    public AlertMessage {
        Fields.requireText(alertId, "alertId");
        Fields.requireText(type, "type");
        Fields.require(at, "at");
        Fields.requireLonLat(lon, lat);
        zones = Fields.copy(zones);
        units = units == null ? null : List.copyOf(units);
    }

    /** Whether only analysts and admins may read it. */
    public boolean restrictedToAnalysts() {
        return Boolean.TRUE.equals(restricted);
    }

    @Override
    public String key() {
        return alertId;
    }

    @Override
    public Instant timestamp() {
        return at;
    }
}
