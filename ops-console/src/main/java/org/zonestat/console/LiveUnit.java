package org.zonestat.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.zonestat.topics.FixMessage;
import org.zonestat.topics.RawPosition;

/**
 * A device's latest position as the console pushes it: a unit on the live map ({@code unit}
 * messages, staff only), or a monitored person ({@code monitored} messages: restricted, analysts
 * and admins only, on request, and every first delivery to a connection audited). From a {@code
 * fix} message on {@code transitions}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param deviceId the device
 * @param kind {@code unit} or {@code monitored}
 * @param team {@code patrol} or {@code outreach}; null for monitored devices
 * @param status {@code available}, {@code busy} or {@code off-duty}; null for monitored devices
 * @param at when the fix was taken
 * @param lon longitude
 * @param lat latitude
 * @param speed ground speed in m/s, or null
 * @param heading degrees from north, or null
 * @param assignment the unit's zones as {@code <layer>:<zone>}
 * @param zones the zones it is inside
 * @param hotCell the hot cell it is inside, or null
 */
public record LiveUnit(
        String deviceId,
        String kind,
        String team,
        String status,
        Instant at,
        double lon,
        double lat,
        Double speed,
        Double heading,
        List<String> assignment,
        Map<String, String> zones,
        String hotCell)
        implements LiveItem {

    public LiveUnit {
        assignment = assignment == null ? List.of() : List.copyOf(assignment);
        zones = LiveRecords.zones(zones);
    }

    /** The position of a {@code fix} message. */
    public static LiveUnit of(FixMessage m) {
        return new LiveUnit(
                m.deviceId(),
                m.kind(),
                m.team(),
                m.status(),
                m.at(),
                m.lon(),
                m.lat(),
                m.speed(),
                m.heading(),
                m.assignment(),
                m.zones(),
                m.hotCell());
    }

    @Override
    public String itemId() {
        return deviceId + "@" + at;
    }

    @Override
    public String messageType() {
        return restricted() ? "monitored" : "unit";
    }

    @Override
    public String kindForFilter() {
        return null;
    }

    @Override
    public boolean revealsTip() {
        return false;
    }

    @Override
    public boolean restricted() {
        return RawPosition.MONITORED.equals(kind);
    }

    @Override
    public String restrictedSubject() {
        return deviceId;
    }
}
