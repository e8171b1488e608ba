package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One event counted towards one zone of one layer: the input of the daily scorecard window.
 *
 * @param layer the zone layer id
 * @param zone the zone's name in that layer
 * @param measure what it counts as
 * @param eventId the event's idempotent id (duplicates are counted once)
 * @param occurredAt event time
 */
public record ZoneFact(String layer, String zone, ZoneMeasure measure, String eventId, Instant occurredAt) {
    public ZoneFact {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
