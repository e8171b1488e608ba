package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A copy of a gun-violence event sent to one coarse H3 cell for near-repeat matching. Every event
 * is copied to its own (home) cell and to each neighbouring cell that lies within the near-repeat
 * radius of it, so that two events within the radius always meet in the home cell of the earlier.
 *
 * @param cell the H3 cell (address) this copy is keyed by
 * @param homeCell the H3 cell (same resolution) the event lies in
 * @param eventId the event's idempotent id
 * @param kind the incident kind (SHOOTING, HOMICIDE)
 * @param occurredAt event time
 * @param lon longitude, WGS84 degrees
 * @param lat latitude, WGS84 degrees
 * @param zones layer id to zone name: every layer's, or only those its consumer reads (the tip
 *     join's incidents carry only the priority layer's)
 */
public record CellEvent(
        String cell,
        String homeCell,
        String eventId,
        String kind,
        Instant occurredAt,
        double lon,
        double lat,
        Map<String, String> zones) {
    public CellEvent {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(homeCell, "homeCell");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        zones = Map.copyOf(Objects.requireNonNull(zones, "zones"));
    }

    public boolean isHome() {
        return cell.equals(homeCell);
    }
}
