package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * An alert on {@code alerts}: a near repeat (a new shooting near a recent one), a 311 request
 * overdue, or a tip matching an incident. One flat shape for every type; fields that do not apply
 * are null. Key: {@code alertId}; record timestamp: {@code at}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param alertId stable id: a redelivered alert has the same one (e.g. {@code
 *     near-repeat/<earlier>/<later>}, {@code overdue-311/<request>/<due>})
 * @param type {@code near-repeat}, {@code overdue-311} or {@code tip-match}
 * @param at event time of the alert (the new event, or the due time that passed)
 * @param subjectId the new event's id, the 311 request id, or the tip's id
 * @param relatedId near repeats: the earlier event's id; tip matches: the incident's id; else null
 * @param category incident kind or 311 type
 * @param lon longitude of the subject, WGS84 degrees
 * @param lat latitude of the subject, WGS84 degrees
 * @param zones layer id to zone name of the subject's location
 * @param dueAt 311: the due time that passed; else null
 * @param distanceMeters near repeats and tip matches: the distance between the two; else null
 * @param priority the subject (or, for a near repeat, either event) lies in a VRI zone
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
        boolean priority)
        implements OutputMessage {

    /** The {@code type} of a shooting or homicide near a recent one. */
    public static final String NEAR_REPEAT = "near-repeat";

    /** The {@code type} of a 311 request still open past its due time. */
    public static final String OVERDUE_311 = "overdue-311";

    /** The {@code type} of a tip near an incident. */
    public static final String TIP_MATCH = "tip-match";

    public AlertMessage {
        Fields.requireText(alertId, "alertId");
        Fields.requireText(type, "type");
        Fields.require(at, "at");
        Fields.requireLonLat(lon, lat);
        zones = Fields.copy(zones);
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
