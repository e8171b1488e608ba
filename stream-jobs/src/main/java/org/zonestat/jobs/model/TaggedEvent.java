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
 * @param layerVersions layer id to the version of the layer used, for every layer consulted, so
 *     that a replay of a past week can show the zones of that time
 */
public record TaggedEvent(
        CityEvent event, String h3, Map<String, String> zones, Map<String, Integer> layerVersions) {
    public TaggedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(h3, "h3");
        Objects.requireNonNull(zones, "zones");
        Objects.requireNonNull(layerVersions, "layerVersions");
    }

    /** An event tagged with layers of unrecorded version (tests, tools). */
    public TaggedEvent(CityEvent event, String h3, Map<String, String> zones) {
        this(event, h3, zones, Map.of());
    }
}
