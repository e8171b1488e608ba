package org.zonestat.console;

import java.time.Instant;
import java.util.Map;
import org.zonestat.topics.RiskHaloMessage;

/**
 * A near-repeat risk halo as the console shows it and pushes it to WebSocket clients: the area
 * around a shooting where another is more likely until {@code expiresAt}, from the {@code hotspots}
 * topic ({@link RiskHaloMessage}, checked when read).
 *
 * <p>Immutable and thread-safe.
 *
 * @param haloId stable id
 * @param eventId the event that raised it
 * @param kind that event's kind
 * @param lon centre longitude
 * @param lat centre latitude
 * @param radiusMeters radius
 * @param startsAt when the risk starts (the event time)
 * @param expiresAt when it ends
 * @param zones layer id to zone name of the centre
 */
public record RiskHalo(
        String haloId,
        String eventId,
        String kind,
        double lon,
        double lat,
        double radiusMeters,
        Instant startsAt,
        Instant expiresAt,
        Map<String, String> zones)
        implements LiveItem {

    public RiskHalo {
        zones = LiveRecords.zones(zones);
    }

    /** The halo of a {@code hotspots} message. */
    public static RiskHalo of(RiskHaloMessage m) {
        return new RiskHalo(
                m.haloId(),
                m.eventId(),
                m.kind(),
                m.lon(),
                m.lat(),
                m.radiusMeters(),
                m.startsAt(),
                m.expiresAt(),
                m.zones());
    }

    @Override
    public String itemId() {
        return haloId;
    }

    @Override
    public String messageType() {
        return "halo";
    }

    @Override
    public String kindForFilter() {
        return kind;
    }

    @Override
    public boolean revealsTip() {
        return "TIP".equals(kind);
    }

    /** Whether the halo is in force at {@code t}: {@code startsAt <= t < expiresAt}. */
    public boolean activeAt(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(expiresAt);
    }
}
