package org.zonestat.jobs.model;

import java.util.Map;
import java.util.Objects;

/**
 * A {@link CityEvent} joined with zones: its H3 cell and, for every configured layer the point lies
 * in, the zone's name. This is what the {@code events} topic carries.
 *
 * @param event the validated event
 * @param h3 the H3 cell address at the configured resolution
 * @param zones layer id to zone name, in catalog order; layers where the point is in no zone are
 *     absent
 */
public record TaggedEvent(CityEvent event, String h3, Map<String, String> zones) {
    public TaggedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(h3, "h3");
        Objects.requireNonNull(zones, "zones");
    }
}
