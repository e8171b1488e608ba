package org.zonestat.jobs.io;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.zonestat.geo.fence.Transition;
import org.zonestat.jobs.model.UnitNearby;
import org.zonestat.jobs.positions.FenceTransition;
import org.zonestat.jobs.positions.Position;
import org.zonestat.jobs.positions.PositionFix;
import org.zonestat.topics.FixMessage;
import org.zonestat.topics.NearbyUnit;
import org.zonestat.topics.TransitionMessage;

/**
 * The positions branch's outputs as messages of the {@code topics} contract: fixes and transitions
 * on {@code transitions}, and the units an alert names. Rounding and what is left out are decided
 * here (coordinates as sent, minutes to 0.1, zones in layer-id order).
 *
 * <p>Stateless.
 */
public final class PositionMessages {
    private PositionMessages() {}

    /** An accepted fix, with its zones. */
    public static FixMessage fix(PositionFix f) {
        Position p = f.position();
        return new FixMessage(
                p.deviceId(),
                p.kind().code(),
                p.team() == null ? null : p.team().code(),
                p.status() == null ? null : p.status().code(),
                p.at(),
                p.lon(),
                p.lat(),
                Double.isNaN(p.speed()) ? null : p.speed(),
                Double.isNaN(p.heading()) ? null : p.heading(),
                p.assignment(),
                new TreeMap<>(f.zones()),
                f.hotCell());
    }

    /** An entry, exit or crossing. */
    public static TransitionMessage transition(FenceTransition t) {
        boolean exit = t.transition() == Transition.EXIT;
        return new TransitionMessage(
                t.transitionId(),
                t.deviceId(),
                t.kind().code(),
                t.team() == null ? null : t.team().code(),
                t.transition().name(),
                t.layer(),
                t.zone(),
                t.at(),
                t.lon(),
                t.lat(),
                exit ? Instant.ofEpochMilli(t.enteredAt()) : null,
                exit ? Math.round(t.minutes() * 10) / 10.0 : null,
                t.reason());
    }

    /** The units a {@code violence} alert names. */
    public static List<NearbyUnit> units(List<UnitNearby> units) {
        return units.stream()
                .map(
                        u ->
                                new NearbyUnit(
                                        u.deviceId(),
                                        u.team(),
                                        u.distanceMeters(),
                                        u.minutesSinceFix()))
                .toList();
    }
}
