package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An available unit near a shooting or homicide, as an alert names it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param deviceId the unit
 * @param team {@code patrol} or {@code outreach}
 * @param distanceMeters from the unit's last fix to the incident, rounded to the meter
 * @param minutesSinceFix how old that fix was at the incident's time, rounded to 0.1 minute (0 when
 *     the fix came after it)
 */
public record NearbyUnit(
        @JsonProperty(required = true) String deviceId,
        String team,
        @JsonProperty(required = true) double distanceMeters,
        @JsonProperty(required = true) double minutesSinceFix) {

    public NearbyUnit {
        Fields.requireText(deviceId, "deviceId");
        if (!(distanceMeters >= 0)) {
            throw new IllegalArgumentException(
                    "distanceMeters must be >= 0, was " + distanceMeters);
        }
        if (!(minutesSinceFix >= 0)) {
            throw new IllegalArgumentException(
                    "minutesSinceFix must be >= 0, was " + minutesSinceFix);
        }
    }
}
