package org.zonestat.jobs.analytics;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long the city allows for each kind of 311 request: the due time of a request that does not
 * carry its own is its creation time plus {@link #forType(String)}.
 *
 * <p>{@link #baltimore()} holds the service levels Baltimore itself applied in October 2019: for
 * each listed SRType, {@code DueDate - CreatedDate} was the same for every request of the type in
 * the shipped export ({@code 311_service_requests_2019-10-18_21.csv}). Types not listed get the
 * fallback (3 days).
 *
 * <p>Immutable and thread-safe.
 *
 * @param byType request type (exact SRType text) to allowed time
 * @param fallback allowed time for any other type
 */
public record ServiceLevels(Map<String, Duration> byType, Duration fallback)
        implements Serializable {
    public ServiceLevels {
        byType = Map.copyOf(byType);
        Objects.requireNonNull(fallback, "fallback");
        if (fallback.isNegative()) {
            throw new IllegalArgumentException("fallback must not be negative, was " + fallback);
        }
        byType.forEach(
                (type, d) -> {
                    if (d.isNegative()) {
                        throw new IllegalArgumentException(
                                "service level of '" + type + "' is negative: " + d);
                    }
                });
    }

    /** The allowed time for a request type (null or unknown types get the fallback). */
    public Duration forType(String type) {
        return type == null ? fallback : byType.getOrDefault(type, fallback);
    }

    /** Baltimore's service levels of 2019 for common and VRI-relevant request types. */
    public static ServiceLevels baltimore() {
        Map<String, Duration> m = new LinkedHashMap<>();
        m.put("BGE-StLight(s) Out", Duration.ofDays(4));
        m.put("BGE-StLight(s) Out Rear", Duration.ofDays(4));
        m.put("TRM-StLight Damaged/Knocked Down/Rusted", Duration.ofDays(3));
        m.put("HCD-Illegal Dumping", Duration.ofDays(3));
        m.put("HCD-Vacant Building", Duration.ofDays(15));
        m.put("HCD-Sanitation Property", Duration.ofDays(10));
        m.put("HCD-Abandoned Vehicle", Duration.ofDays(17));
        m.put("SW-Boarding", Duration.ofDays(7));
        m.put("SW-Dirty Alley", Duration.ofDays(7));
        m.put("SW-Dirty Street", Duration.ofDays(7));
        m.put("SW-Graffiti Removal", Duration.ofDays(3));
        m.put("SW-Rat Rubout", Duration.ofDays(14));
        m.put("SW-Bulk Scheduled", Duration.ofDays(90));
        m.put("TRM-Pothole Repair", Duration.ofDays(2));
        m.put("TRS-Parking Complaint", Duration.ofDays(1));
        m.put("TRT-Traffic Signal Repairs", Duration.ofDays(1));
        m.put("WW-Water Leak (Exterior)", Duration.ofDays(2));
        m.put("ECC-Information Request", Duration.ofDays(2));
        return new ServiceLevels(m, Duration.ofDays(3));
    }
}
