package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The area of raised near-repeat risk around a shooting or homicide, for the {@code hotspots}
 * topic: a circle of the near-repeat radius that lasts the near-repeat window.
 *
 * @param haloId deterministic id {@code halo/<event id>}
 * @param eventId the event at the centre
 * @param kind its incident kind
 * @param lon centre longitude, WGS84 degrees
 * @param lat centre latitude, WGS84 degrees
 * @param radiusMeters the near-repeat radius
 * @param startsAt the event time
 * @param expiresAt {@code startsAt} plus the near-repeat window
 * @param zones the event's zones
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
        Map<String, String> zones) {
    public RiskHalo {
        Objects.requireNonNull(haloId, "haloId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!(radiusMeters > 0)) {
            throw new IllegalArgumentException(
                    "radiusMeters must be positive, was " + radiusMeters);
        }
        zones = Map.copyOf(Objects.requireNonNull(zones, "zones"));
    }
}
