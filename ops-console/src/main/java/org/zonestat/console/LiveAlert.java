package org.zonestat.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One record of the {@code alerts} topic as the console shows it: a near repeat (a new shooting
 * near a recent one), a 311 request overdue, or a tip matching an incident. Unknown JSON fields are
 * ignored; required: {@code alertId}, {@code type}, {@code at}, {@code lon}, {@code lat}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param alertId stable id (a redelivered alert has the same one)
 * @param type {@code near-repeat}, {@code overdue-311} or {@code tip-match}
 * @param at event time of the alert (the new event, or the due time that passed)
 * @param subjectId the new event's id, the 311 request id, or the tip's id
 * @param relatedId near repeats: the earlier event's id; tip matches: the incident's id
 * @param category incident kind or 311 type
 * @param lon WGS84 longitude of the subject
 * @param lat WGS84 latitude of the subject
 * @param zones layer id to zone name of the subject's location
 * @param dueAt 311: the due time that passed
 * @param distanceMeters near repeats and tip matches: distance between the two, else null
 * @param priority 311: the request lies in a VRI zone
 */
public record LiveAlert(
        @JsonProperty(value = "alertId", required = true) String alertId,
        @JsonProperty(value = "type", required = true) String type,
        @JsonProperty(value = "at", required = true) Instant at,
        @JsonProperty("subjectId") String subjectId,
        @JsonProperty("relatedId") String relatedId,
        @JsonProperty("category") String category,
        @JsonProperty(value = "lon", required = true) double lon,
        @JsonProperty(value = "lat", required = true) double lat,
        @JsonProperty("zones") Map<String, String> zones,
        @JsonProperty("dueAt") Instant dueAt,
        @JsonProperty("distanceMeters") Double distanceMeters,
        @JsonProperty("priority") boolean priority)
        implements LiveItem {

    public static final String NEAR_REPEAT = "near-repeat";
    public static final String OVERDUE_311 = "overdue-311";
    public static final String TIP_MATCH = "tip-match";

    public LiveAlert {
        LiveRecords.requireText(alertId, "alertId");
        LiveRecords.requireText(type, "type");
        LiveRecords.require(at, "at");
        LiveRecords.requireLonLat(lon, lat);
        zones = LiveRecords.zones(zones);
    }

    @Override
    public String itemId() {
        return alertId;
    }

    @Override
    public String messageType() {
        return "alert";
    }

    @Override
    public String kindForFilter() {
        return switch (type) {
            case OVERDUE_311 -> "REQUEST_311";
            case TIP_MATCH -> "TIP";
            default -> category;
        };
    }

    @Override
    public boolean revealsTip() {
        return TIP_MATCH.equals(type);
    }
}
