package org.zonestat.jobs.positions;

import java.util.Map;
import java.util.Objects;

/**
 * An accepted fix with what the tracker found: the zone it is inside in every layer, and the hot
 * cell it is inside. What {@code transitions} carries as a {@code fix} message.
 *
 * @param position the fix
 * @param zones layer id to zone name, for every layer the fix lies in a zone of
 * @param hotCell the hot cell (H3 address) the fix is inside, or null
 */
public record PositionFix(Position position, Map<String, String> zones, String hotCell) {
    public PositionFix {
        Objects.requireNonNull(position, "position");
        zones = Map.copyOf(Objects.requireNonNull(zones, "zones"));
    }
}
