package org.zonestat.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * A near-repeat risk halo from the {@code hotspots} topic ({@code "type": "risk-halo"}): the area
 * around a shooting where another is more likely until {@code expiresAt}.
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
        @JsonProperty(value = "haloId", required = true) String haloId,
        @JsonProperty("eventId") String eventId,
        @JsonProperty("kind") String kind,
        @JsonProperty(value = "lon", required = true) double lon,
        @JsonProperty(value = "lat", required = true) double lat,
        @JsonProperty(value = "radiusMeters", required = true) double radiusMeters,
        @JsonProperty(value = "startsAt", required = true) Instant startsAt,
        @JsonProperty(value = "expiresAt", required = true) Instant expiresAt,
        @JsonProperty("zones") Map<String, String> zones)
        implements LiveItem {

    public RiskHalo {
        LiveRecords.requireText(haloId, "haloId");
        LiveRecords.requireLonLat(lon, lat);
        LiveRecords.require(startsAt, "startsAt");
        LiveRecords.require(expiresAt, "expiresAt");
        if (!(radiusMeters > 0)) {
            throw new IllegalArgumentException("radiusMeters must be > 0, was " + radiusMeters);
        }
        zones = LiveRecords.zones(zones);
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
