package org.zonestat.jobs.positions;

import org.zonestat.geo.fence.LonLat;

/**
 * Where a device was last seen, and where it came from: what the nearest-unit and crime-scene
 * operators keep. A {@code gone} sighting says the device went silent and is forgotten.
 *
 * @param deviceId the device
 * @param kind unit or monitored
 * @param team the unit's team, or null
 * @param status the unit's status, or null
 * @param at this fix (epoch ms)
 * @param lon its longitude
 * @param lat its latitude
 * @param fromAt the device's previous fix (epoch ms), or 0 for its first
 * @param fromLon the previous fix's longitude
 * @param fromLat the previous fix's latitude
 * @param gone the device went silent (its other fields are those of its last fix)
 */
public record DeviceSighting(
        String deviceId,
        DeviceKind kind,
        Team team,
        UnitStatus status,
        long at,
        double lon,
        double lat,
        long fromAt,
        double fromLon,
        double fromLat,
        boolean gone) {

    public LonLat point() {
        return new LonLat(lon, lat);
    }

    /** The previous fix, or this one for a first fix. */
    public LonLat from() {
        return fromAt == 0 ? point() : new LonLat(fromLon, fromLat);
    }

    /** When the track segment began: the previous fix, or this one. */
    public long fromTime() {
        return fromAt == 0 ? at : fromAt;
    }
}
