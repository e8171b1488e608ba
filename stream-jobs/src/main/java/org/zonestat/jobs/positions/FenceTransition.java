package org.zonestat.jobs.positions;

import java.time.Instant;
import java.util.Objects;
import org.zonestat.geo.fence.Transition;

/**
 * A device entered, left or crossed a zone or a hot cell: what {@code transitions} carries as a
 * {@code transition} message.
 *
 * @param deviceId the device
 * @param kind unit or monitored
 * @param team the unit's team; null for monitored devices
 * @param transition {@code ENTER}, {@code EXIT} or {@code CROSS}
 * @param layer the layer id, or {@code hot-cells}
 * @param zone the zone name, or the H3 cell
 * @param at the fix that showed it (an exit the device lost: its last fix)
 * @param lon that fix's longitude
 * @param lat that fix's latitude
 * @param enteredAt exits: when the visit began (epoch ms); 0 otherwise
 * @param reason exits: {@code signal-lost}, {@code off-duty}, {@code track-reset}, or null
 */
public record FenceTransition(
        String deviceId,
        DeviceKind kind,
        Team team,
        Transition transition,
        String layer,
        String zone,
        Instant at,
        double lon,
        double lat,
        long enteredAt,
        String reason) {
    public FenceTransition {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(at, "at");
    }

    /** Exits: the visit's length in minutes; NaN otherwise. */
    public double minutes() {
        return transition == Transition.EXIT
                ? (at.toEpochMilli() - enteredAt) / 60_000.0
                : Double.NaN;
    }

    /** {@code <deviceId>/<at millis>/<layer>/<zone>/<transition>}: the same every time. */
    public String transitionId() {
        return deviceId + "/" + at.toEpochMilli() + "/" + layer + "/" + zone + "/" + transition;
    }
}
