package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One GPS fix of a device on {@code positions.raw}: a unit (a patrol car, an officer, an outreach
 * worker) or a person on court-ordered GPS monitoring. Key: {@code deviceId}; record timestamp:
 * when sent (the job's future-timestamp check compares the two).
 *
 * <p>Only what makes it a record is checked here (a device id, a kind, a time); whether its values
 * can be used (a known kind, a location in some zone, a plausible speed, a time after the device's
 * last fix) is the job's to decide, with a reason on {@code rejected}.
 *
 * <p>Absent values are left out of the JSON. Immutable and thread-safe.
 *
 * @param deviceId the device's id, e.g. {@code car-1203}
 * @param kind {@value #UNIT} or {@value #MONITORED}
 * @param team for units: {@value #PATROL} (police) or {@value #OUTREACH} (violence interrupters,
 *     outreach workers); null is patrol
 * @param assignment for units: the zones it serves, each {@code <layer id>:<zone name>}, e.g.
 *     {@code vri-zones:Western}; null or empty: none
 * @param at when the fix was taken
 * @param lat latitude, WGS84 degrees, or null
 * @param lon longitude, WGS84 degrees, or null
 * @param speed ground speed in m/s, or null
 * @param heading degrees clockwise from north, or null
 * @param status for units: {@code available}, {@code busy} or {@code off-duty}; null is available
 * @param source the feed's name, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawPosition(
        @JsonProperty(required = true) String deviceId,
        @JsonProperty(required = true) String kind,
        String team,
        List<String> assignment,
        @JsonProperty(required = true) Instant at,
        Double lat,
        Double lon,
        Double speed,
        Double heading,
        String status,
        String source)
        implements TopicMessage {

    /** The {@code kind} of a patrol car, officer or outreach worker. */
    public static final String UNIT = "unit";

    /** The {@code kind} of a person on court-ordered GPS supervision. */
    public static final String MONITORED = "monitored";

    /** The {@code team} of police units. */
    public static final String PATROL = "patrol";

    /** The {@code team} of outreach workers. */
    public static final String OUTREACH = "outreach";

    public RawPosition {
        Fields.requireText(deviceId, "deviceId");
        Fields.requireText(kind, "kind");
        Fields.require(at, "at");
        assignment = assignment == null ? null : List.copyOf(assignment);
    }

    /** The Kafka record key. */
    public String key() {
        return deviceId;
    }
}
