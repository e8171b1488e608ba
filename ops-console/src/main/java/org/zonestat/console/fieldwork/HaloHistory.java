package org.zonestat.console.fieldwork;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.zonestat.geo.Distances;
import org.zonestat.topics.RiskHaloMessage;

/**
 * Every near-repeat risk halo of {@code hotspots} (a circle around a shooting or homicide, in force
 * from its event to its expiry), to tell which halos a place lies in on a given day. Upserted by
 * halo id. Thread-safe.
 */
public final class HaloHistory {
    private final Map<String, RiskHaloMessage> halos = new HashMap<>();

    public synchronized void accept(RiskHaloMessage h) {
        halos.put(h.haloId(), h);
    }

    /** The halos in force at {@code t} whose circle holds the point. */
    public synchronized int containing(double lon, double lat, Instant t) {
        int n = 0;
        for (RiskHaloMessage h : halos.values()) {
            if (!h.startsAt().isAfter(t)
                    && h.expiresAt().isAfter(t)
                    && Distances.meters(lon, lat, h.lon(), h.lat()) <= h.radiusMeters()) {
                n++;
            }
        }
        return n;
    }

    /** The halos in force at {@code t}. */
    public synchronized List<RiskHaloMessage> inForce(Instant t) {
        return halos.values().stream()
                .filter(h -> !h.startsAt().isAfter(t) && h.expiresAt().isAfter(t))
                .toList();
    }
}
