package org.zonestat.jobs.positions;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.zonestat.geo.fence.LonLat;

/**
 * A validated GPS fix of one device, as {@link PositionParser} reads it from {@code positions.raw}.
 *
 * @param deviceId the device
 * @param kind unit or monitored person
 * @param team for units, patrol or outreach (patrol when not sent); null for monitored devices
 * @param status for units, the duty status (available when not sent); null for monitored devices
 * @param assignment for units, the zones it serves as {@code <layer>:<zone>}; empty otherwise
 * @param at when the fix was taken
 * @param lon longitude, WGS84 degrees
 * @param lat latitude, WGS84 degrees
 * @param speed ground speed in m/s; NaN when not sent
 * @param heading degrees clockwise from north; NaN when not sent
 */
public record Position(
        String deviceId,
        DeviceKind kind,
        Team team,
        UnitStatus status,
        List<String> assignment,
        Instant at,
        double lon,
        double lat,
        double speed,
        double heading) {
    public Position {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        assignment = assignment == null ? List.of() : List.copyOf(assignment);
    }

    /** Where the fix is. */
    public LonLat point() {
        return new LonLat(lon, lat);
    }

    /** Whether its presence counts towards dosage and its position may name it on alerts. */
    public boolean isUnit() {
        return kind == DeviceKind.UNIT;
    }

    /** Whether zones are tracked for this fix: every monitored fix, a unit's unless off duty. */
    public boolean isTracked() {
        return kind == DeviceKind.MONITORED || status != UnitStatus.OFF_DUTY;
    }
}
