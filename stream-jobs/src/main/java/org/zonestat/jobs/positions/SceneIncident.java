package org.zonestat.jobs.positions;

import java.util.List;
import java.util.Map;

/**
 * A shooting or homicide the crime-scene correlation keeps while monitored tracks may still pass
 * near it, with the devices already named for it.
 *
 * @param eventId the incident's event id
 * @param kind {@code SHOOTING} or {@code HOMICIDE}
 * @param at when it happened (epoch ms)
 * @param lon its longitude
 * @param lat its latitude
 * @param zones its zones
 * @param priority whether it lies in a focus zone
 * @param named the monitored devices an alert has already named for it
 */
public record SceneIncident(
        String eventId,
        String kind,
        long at,
        double lon,
        double lat,
        Map<String, String> zones,
        boolean priority,
        List<String> named) {
    public SceneIncident {
        zones = Map.copyOf(zones);
        named = List.copyOf(named);
    }
}
