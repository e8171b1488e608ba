package org.zonestat.jobs.model;

import java.time.Instant;
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
        boolean priority) {
    public Alert {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(subjectId, "subjectId");
        zones = Map.copyOf(Objects.requireNonNull(zones, "zones"));
    }
}
