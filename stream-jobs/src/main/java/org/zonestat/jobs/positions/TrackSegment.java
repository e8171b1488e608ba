package org.zonestat.jobs.positions;

import org.zonestat.geo.fence.LonLat;

/**
 * A straight piece of a monitored device's track, between two of its fixes (or one fix, both ends
 * the same).
 *
 * @param fromAt the earlier fix (epoch ms)
 * @param fromLon its longitude
 * @param fromLat its latitude
 * @param at the later fix (epoch ms)
 * @param lon its longitude
 * @param lat its latitude
 */
public record TrackSegment(
        long fromAt, double fromLon, double fromLat, long at, double lon, double lat) {

    static TrackSegment of(DeviceSighting s) {
        LonLat from = s.from();
        return new TrackSegment(s.fromTime(), from.lon(), from.lat(), s.at(), s.lon(), s.lat());
    }

    public LonLat from() {
        return new LonLat(fromLon, fromLat);
    }

    public LonLat to() {
        return new LonLat(lon, lat);
    }

    /** The time at a fraction of the way (moving at constant speed between the fixes). */
    public long timeAt(double fraction) {
        return fromAt + Math.round(fraction * (at - fromAt));
    }
}
