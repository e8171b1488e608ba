package org.zonestat.jobs.positions;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.zonestat.geo.fence.LonLat;

/**
 * What the tracker keeps per device: its last accepted fix, what it is, its open visits and how
 * many fixes in a row were refused as impossible jumps. Flat and immutable: a new fix makes a new
 * state.
 *
 * @param at the last accepted fix's time (epoch ms)
 * @param lon its longitude
 * @param lat its latitude
 * @param kind unit or monitored
 * @param team the unit's team, or null
 * @param status the unit's status, or null
 * @param visits layer id (or {@code hot-cells}) to the visit in progress, in layer id order
 * @param rejectedJumps consecutive fixes refused as faster than a car can drive
 */
public record DeviceState(
        long at,
        double lon,
        double lat,
        DeviceKind kind,
        Team team,
        UnitStatus status,
        Map<String, Visit> visits,
        int rejectedJumps) {
    public DeviceState {
        // Sorted by layer id, so that visits end in the same order however the state was restored.
        visits = Collections.unmodifiableMap(new TreeMap<>(visits));
    }

    public LonLat point() {
        return new LonLat(lon, lat);
    }

    /** Whether its zones were tracked at the last fix (not an off-duty unit). */
    public boolean tracked() {
        return kind == DeviceKind.MONITORED || status != UnitStatus.OFF_DUTY;
    }

    /** The same state with one more refused jump. */
    public DeviceState withRejectedJump() {
        return new DeviceState(at, lon, lat, kind, team, status, visits, rejectedJumps + 1);
    }
}
