package org.zonestat.console.field;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.zonestat.console.HotCell;
import org.zonestat.console.LiveAlert;
import org.zonestat.console.LiveEvent;
import org.zonestat.console.LiveItem;
import org.zonestat.console.LiveTransition;
import org.zonestat.console.LiveUnit;
import org.zonestat.console.RiskHalo;
import org.zonestat.console.units.UnitRoster;
import org.zonestat.geo.Distances;

/**
 * What one handheld receives, decided on the server by the unit's assignment and its latest
 * position (both from the unit's own fixes, so a unit that moves takes its filter with it):
 *
 * <ul>
 *   <li>alerts and violent incidents in its assigned zones or within {@value #ALERT_METERS} m of
 *       its last position (never tip matches, never anything restricted);
 *   <li>risk halos and hot cells in its zones or within {@value #NEARBY_METERS} m;
 *   <li>its own positions and transitions (the dosage timer), and no other device's.
 * </ul>
 *
 * A unit with no fix yet receives what lies in its zones once its first fix names them.
 *
 * <p>Thread-safe (reads the roster, which is).
 */
public final class FieldFilter implements Predicate<LiveItem> {
    /** Alerts and incidents this close to the unit reach it wherever its zones are. */
    public static final double ALERT_METERS = 1_000;

    /** Halos and hot cells this close count as nearby. */
    public static final double NEARBY_METERS = 2_000;

    private static final Set<String> VIOLENT =
            Set.of("HOMICIDE", "SHOOTING", "AGGRAVATED_ASSAULT", "ROBBERY", "OTHER_VIOLENT");

    private final String deviceId;
    private final UnitRoster roster;

    public FieldFilter(String deviceId, UnitRoster roster) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.roster = Objects.requireNonNull(roster, "roster");
    }

    @Override
    public boolean test(LiveItem item) {
        if (item.restricted() || item.revealsTip()) {
            return false;
        }
        if (item instanceof LiveUnit u) {
            return u.deviceId().equals(deviceId);
        }
        if (item instanceof LiveTransition t) {
            return t.deviceId().equals(deviceId);
        }
        Optional<LiveUnit> me = roster.latest(deviceId);
        List<String> assignment = me.map(LiveUnit::assignment).orElse(List.of());
        if (item instanceof LiveAlert a) {
            return assigned(assignment, a.zones()) || near(me, a.lon(), a.lat(), ALERT_METERS);
        }
        if (item instanceof LiveEvent e) {
            return VIOLENT.contains(e.kind())
                    && (assigned(assignment, e.zones())
                            || near(me, e.lon(), e.lat(), ALERT_METERS));
        }
        if (item instanceof RiskHalo h) {
            return assigned(assignment, h.zones()) || near(me, h.lon(), h.lat(), NEARBY_METERS);
        }
        if (item instanceof HotCell c) {
            return "HOT".equalsIgnoreCase(c.status())
                    && (assigned(assignment, c.zones())
                            || near(me, c.lon(), c.lat(), NEARBY_METERS));
        }
        return false;
    }

    private static boolean assigned(List<String> assignment, Map<String, String> zones) {
        for (String a : assignment) {
            int colon = a.indexOf(':');
            if (colon > 0 && a.substring(colon + 1).equals(zones.get(a.substring(0, colon)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean near(Optional<LiveUnit> me, double lon, double lat, double meters) {
        return me.isPresent()
                && Distances.isWithin(me.get().lon(), me.get().lat(), lon, lat, meters);
    }
}
