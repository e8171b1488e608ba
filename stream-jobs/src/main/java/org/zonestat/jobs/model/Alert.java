package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An alert for the ops console ({@code alerts} topic). One flat shape for every {@link AlertType};
 * fields that do not apply to a type are null (or NaN for {@code distanceMeters}).
 *
 * @param alertId deterministic id: the same facts always give the same id, so a consumer can
 *     de-duplicate redeliveries (e.g. {@code overdue-311/<request>/<due>}, {@code
 *     near-repeat/<earlier event>/<later event>})
 * @param type what kind of alert
 * @param at the event time the alert is about (the due time; the later event's time)
 * @param subjectId the request id (overdue) or the later event id (near repeat)
 * @param relatedId the earlier event id (near repeat); null otherwise
 * @param category the 311 request type, or the later event's incident kind
 * @param lon longitude of the subject, WGS84 degrees
 * @param lat latitude of the subject, WGS84 degrees
 * @param zones the subject's zones, layer id to zone name
 * @param dueAt the due time (overdue); null otherwise
 * @param distanceMeters the distance between the two events (near repeat); NaN otherwise
 * @param priority whether the subject (or, for a near repeat, either event) lies in a VRI zone
 * @param units violence: the nearest available units, nearest first; empty otherwise
 * @param restricted whether only analysts and admins may read it (a monitored device near a scene)
 * @param passedAt monitored near a scene: when the track passed closest; null otherwise
 */
public record Alert(
        String alertId,
        AlertType type,
        Instant at,
        String subjectId,
        String relatedId,
        String category,
        double lon,
        double lat,
        Map<String, String> zones,
        Instant dueAt,
        double distanceMeters,
        boolean priority,
        List<UnitNearby> units,
        boolean restricted,
        Instant passedAt) {
    public Alert {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(subjectId, "subjectId");
        zones = Map.copyOf(Objects.requireNonNull(zones, "zones"));
        units = units == null ? List.of() : List.copyOf(units);
    }

    /** An alert that names no units and is not restricted. */
    public Alert(
            String alertId,
            AlertType type,
            Instant at,
            String subjectId,
            String relatedId,
            String category,
            double lon,
            double lat,
            Map<String, String> zones,
            Instant dueAt,
            double distanceMeters,
            boolean priority) {
        this(
                alertId,
                type,
                at,
                subjectId,
                relatedId,
                category,
                lon,
                lat,
                zones,
                dueAt,
                distanceMeters,
                priority,
                List.of(),
                false,
                null);
    }
}
