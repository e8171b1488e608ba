package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An accepted position on {@code transitions} ({@code "type": "fix"}): where a device is and which
 * zones it is inside, one message per fix the job accepted (so {@code positions.raw} reconciles as
 * fixes plus rejections). Key: {@code deviceId}; record timestamp: {@code at}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param deviceId the device
 * @param kind {@code unit} or {@code monitored}
 * @param team {@code patrol} or {@code outreach} for units; null for monitored devices
 * @param status {@code available}, {@code busy} or {@code off-duty} for units; null for monitored
 *     devices
 * @param at when the fix was taken
 * @param lon longitude, WGS84 degrees
 * @param lat latitude, WGS84 degrees
 * @param speed ground speed in m/s, or null
 * @param heading degrees clockwise from north, or null
 * @param assignment the unit's zones as {@code <layer id>:<zone name>}; empty if none
 * @param zones layer id to the zone the device is inside, for every layer it is in a zone of
 * @param hotCell the hot cell (H3) it is inside, or null
 */
public record FixMessage(
        @JsonProperty(required = true) String deviceId,
        @JsonProperty(required = true) String kind,
        String team,
        String status,
        @JsonProperty(required = true) Instant at,
        @JsonProperty(required = true) double lon,
        @JsonProperty(required = true) double lat,
        Double speed,
        Double heading,
        List<String> assignment,
        Map<String, String> zones,
        String hotCell)
        implements TransitionsMessage {

    public FixMessage {
        Fields.requireText(deviceId, "deviceId");
        Fields.requireText(kind, "kind");
        Fields.require(at, "at");
        Fields.requireLonLat(lon, lat);
        assignment = assignment == null ? List.of() : List.copyOf(assignment);
        zones = Fields.copy(zones);
    }

    /** Whether the device is a unit (not a monitored person). */
    @JsonIgnore
    public boolean isUnit() {
        return RawPosition.UNIT.equals(kind);
    }

    @Override
    public String key() {
        return deviceId;
    }

    @Override
    public Instant timestamp() {
        return at;
    }
}
