package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * A near-repeat risk halo on {@code hotspots} ({@code "type": "risk-halo"}): the circle around a
 * shooting or homicide where another is more likely until {@code expiresAt}. Key: {@code haloId};
 * record timestamp: {@code startsAt}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param haloId {@code halo/<event id>}
 * @param eventId the event at the centre
 * @param kind its incident kind
 * @param lon centre longitude, WGS84 degrees
 * @param lat centre latitude, WGS84 degrees
 * @param radiusMeters the near-repeat radius
 * @param startsAt the event time
 * @param expiresAt {@code startsAt} plus the near-repeat window
 * @param zones layer id to zone name of the centre
 */
public record RiskHaloMessage(
        @JsonProperty(required = true) String haloId,
        String eventId,
        String kind,
        @JsonProperty(required = true) double lon,
        @JsonProperty(required = true) double lat,
        @JsonProperty(required = true) double radiusMeters,
        @JsonProperty(required = true) Instant startsAt,
        @JsonProperty(required = true) Instant expiresAt,
        Map<String, String> zones)
        implements HotspotsMessage {

    public RiskHaloMessage {
        Fields.requireText(haloId, "haloId");
        Fields.requireLonLat(lon, lat);
        if (!(radiusMeters > 0)) {
            throw new IllegalArgumentException("radiusMeters must be > 0, was " + radiusMeters);
        }
        Fields.require(startsAt, "startsAt");
        Fields.require(expiresAt, "expiresAt");
        zones = Fields.copy(zones);
    }

    @Override
    public String key() {
        return haloId;
    }

    @Override
    public Instant timestamp() {
        return startsAt;
    }
}
