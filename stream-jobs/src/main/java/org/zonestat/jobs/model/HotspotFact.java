package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One incident as counted by the hotspot analytics, in one counting scope: its H3 cell, or its zone
 * in one layer. An incident yields one fact for its cell and one per layer it lies in.
 *
 * @param scope {@link #CELL_SCOPE} for the H3 cell, else the zone layer id
 * @param key the H3 cell address (cell scope) or the zone name (layer scope)
 * @param eventId the incident's idempotent event id (counts are of distinct ids)
 * @param kind the {@link IncidentKind} name
 * @param occurredAt event time
 */
public record HotspotFact(
        String scope, String key, String eventId, String kind, Instant occurredAt) {
    /** The scope of H3 cell facts; not a valid layer id (layer ids are {@code [a-z0-9-]+}). */
    public static final String CELL_SCOPE = "#h3";

    public HotspotFact {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public boolean isCell() {
        return CELL_SCOPE.equals(scope);
    }
}
