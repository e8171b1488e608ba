package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A geofence transition on {@code transitions} ({@code "type": "transition"}): a device entered
 * ({@value #ENTER}), left ({@value #EXIT}) or passed through between two fixes ({@value #CROSS}) a
 * zone of a layer or a hot cell (layer {@value #HOT_CELLS}). {@code INSIDE} and {@code OUTSIDE} are
 * not written: every {@link FixMessage} lists the zones the device is inside. Key: {@code
 * deviceId}; record timestamp: {@code at}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param transitionId stable id: {@code <deviceId>/<at millis>/<layer>/<zone>/<transition>} (a
 *     redelivery has the same one)
 * @param deviceId the device
 * @param kind {@code unit} or {@code monitored}
 * @param team {@code patrol} or {@code outreach} for units; null for monitored devices
 * @param transition {@value #ENTER}, {@value #EXIT} or {@value #CROSS}
 * @param layer the zone layer id, or {@value #HOT_CELLS}
 * @param zone the zone's name, or the hot cell's H3 address
 * @param at the fix that showed it (for an exit the device lost: its last fix)
 * @param lon longitude of that fix
 * @param lat latitude of that fix
 * @param enteredAt exits: when the visit began; else null
 * @param minutes exits: the minutes the visit lasted; else null
 * @param reason exits: {@value #SIGNAL_LOST} (no fix for the silence timeout), {@value #OFF_DUTY}
 *     (the unit went off duty), or null (a fix outside the zone)
 */
public record TransitionMessage(
        @JsonProperty(required = true) String transitionId,
        @JsonProperty(required = true) String deviceId,
        @JsonProperty(required = true) String kind,
        String team,
        @JsonProperty(required = true) String transition,
        @JsonProperty(required = true) String layer,
        @JsonProperty(required = true) String zone,
        @JsonProperty(required = true) Instant at,
        @JsonProperty(required = true) double lon,
        @JsonProperty(required = true) double lat,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant enteredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double minutes,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
        implements TransitionsMessage {

    public static final String ENTER = "ENTER";
    public static final String EXIT = "EXIT";
    public static final String CROSS = "CROSS";

    /** The {@code layer} of hot-cell transitions: the zone is the H3 cell. */
    public static final String HOT_CELLS = "hot-cells";

    /** An exit closed by the silence timer. */
    public static final String SIGNAL_LOST = "signal-lost";

    /** An exit because the unit went off duty. */
    public static final String OFF_DUTY = "off-duty";

    public TransitionMessage {
        Fields.requireText(transitionId, "transitionId");
        Fields.requireText(deviceId, "deviceId");
        Fields.requireText(kind, "kind");
        Fields.requireText(transition, "transition");
        Fields.requireText(layer, "layer");
        Fields.requireText(zone, "zone");
        Fields.require(at, "at");
        Fields.requireLonLat(lon, lat);
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
