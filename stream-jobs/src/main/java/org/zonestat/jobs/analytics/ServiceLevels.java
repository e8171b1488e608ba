package org.zonestat.jobs.analytics;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long the city allows for each kind of 311 request: the due time of a request that does not
 * carry its own is its creation time plus {@link #forType(String)}.
 *
 * <p>Each city's table is in its profile ({@code analytics.serviceLevels} and {@code
 * serviceLevelDays}); {@link AnalyticsConfig#forCity} makes it.
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
}
