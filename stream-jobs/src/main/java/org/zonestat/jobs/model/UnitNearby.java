package org.zonestat.jobs.model;

import java.util.Objects;

/**
 * An available unit an alert names: how far its last fix was from the incident and how old that fix
 * was at the incident's time.
 *
 * @param deviceId the unit
 * @param team {@code patrol} or {@code outreach}
 * @param distanceMeters from its last fix to the incident
 * @param minutesSinceFix the fix's age at the incident's time (0 when the fix came after it)
 */
public record UnitNearby(
        String deviceId, String team, double distanceMeters, double minutesSinceFix) {
    public UnitNearby {
        Objects.requireNonNull(deviceId, "deviceId");
    }
}
