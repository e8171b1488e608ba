package org.zonestat.console;

import java.time.Instant;
import java.util.Map;
import org.zonestat.topics.AlertMessage;

/**
 * One alert as the console shows it and pushes it to WebSocket clients: a near repeat (a new
 * shooting near a recent one), a 311 request overdue, or a tip matching an incident, from the
 * {@code alerts} topic ({@link AlertMessage}, checked when read).
 *
 * <p>Immutable and thread-safe.
 *
 * @param alertId stable id (a redelivered alert has the same one)
 * @param type {@code near-repeat}, {@code overdue-311} or {@code tip-match}
 * @param at event time of the alert (the new event, or the due time that passed)
 * @param subjectId the new event's id, the 311 request id, or the tip's id
 * @param relatedId near repeats: the earlier event's id; tip matches: the incident's id
 * @param category incident kind or 311 type
 * @param lon WGS84 longitude of the subject
 * @param lat WGS84 latitude of the subject
 * @param zones layer id to zone name of the subject's location
 * @param dueAt 311: the due time that passed
 * @param distanceMeters near repeats and tip matches: distance between the two, else null
 * @param priority 311: the request lies in a VRI zone
 */
public record LiveAlert(
        String alertId,
        String type,
        Instant at,
        String subjectId,
        String relatedId,
        String category,
        double lon,
        double lat,
        Map<String, String> zones,
        Instant dueAt,
        Double distanceMeters,
        boolean priority)
        implements LiveItem {

    public static final String NEAR_REPEAT = AlertMessage.NEAR_REPEAT;
    public static final String OVERDUE_311 = AlertMessage.OVERDUE_311;
    public static final String TIP_MATCH = AlertMessage.TIP_MATCH;

    public LiveAlert {
        zones = LiveRecords.zones(zones);
    }

    /** The alert of an {@code alerts} message. */
    public static LiveAlert of(AlertMessage m) {
        return new LiveAlert(
                m.alertId(),
                m.type(),
                m.at(),
                m.subjectId(),
                m.relatedId(),
                m.category(),
                m.lon(),
                m.lat(),
                m.zones(),
                m.dueAt(),
                m.distanceMeters(),
                m.priority());
    }

    @Override
    public String itemId() {
        return alertId;
    }

    @Override
    public String messageType() {
        return "alert";
    }

    @Override
    public String kindForFilter() {
        return switch (type) {
            case OVERDUE_311 -> "REQUEST_311";
            case TIP_MATCH -> "TIP";
            default -> category;
        };
    }

    @Override
    public boolean revealsTip() {
        return TIP_MATCH.equals(type);
    }
}
