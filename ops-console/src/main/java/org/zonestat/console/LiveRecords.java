package org.zonestat.console;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validation shared by the live records' constructors. */
final class LiveRecords {
    private LiveRecords() {}

    static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    static void require(Instant value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    static void requireLonLat(double lon, double lat) {
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lon must be in [-180, 180], was " + lon);
        }
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("lat must be in [-90, 90], was " + lat);
        }
    }

    /** An unmodifiable copy without null keys or values; empty for null. */
    static Map<String, String> zones(Map<String, String> zones) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (zones != null) {
            zones.forEach(
                    (layer, zone) -> {
                        if (layer != null && zone != null) {
                            copy.put(layer, zone);
                        }
                    });
        }
        return Collections.unmodifiableMap(copy);
    }
}
