package org.zonestat.topics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Checks and copies shared by the messages' constructors; messages name the field. */
final class Fields {
    private Fields() {}

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static void requireLonLat(double lon, double lat) {
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lon must be in [-180, 180], was " + lon);
        }
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("lat must be in [-90, 90], was " + lat);
        }
    }

    static long requireCount(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    static Long requireCountIfPresent(Long value, String field) {
        if (value != null) {
            requireCount(value, field);
        }
        return value;
    }

    static Instant requireNotBefore(Instant later, Instant earlier, String field) {
        if (later.isBefore(earlier)) {
            throw new IllegalArgumentException(field + " " + later + " is before " + earlier);
        }
        return later;
    }

    /** An unmodifiable copy in the given order, without null keys or values; empty for null. */
    static <V> Map<String, V> copy(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach(
                (k, v) -> {
                    if (k != null && v != null) {
                        copy.put(k, v);
                    }
                });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * An unmodifiable copy of a raw record's other fields (null values kept: a feed's empty text
     * field is written as null); none may take the name of a field the contract declares.
     */
    static Map<String, Object> details(Map<String, Object> details, Set<String> declared) {
        if (details == null || details.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        details.forEach(
                (k, v) -> {
                    if (declared.contains(k)) {
                        throw new IllegalArgumentException(
                                "details must not repeat the declared field '" + k + "'");
                    }
                    copy.put(k, plain(v));
                });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * A whole number as JSON reads it back (an {@link Integer} where it fits, else a {@link Long}),
     * a {@link Float} as a {@link Double}: so that a message equals itself after a round trip.
     */
    private static Object plain(Object v) {
        if (v instanceof Long || v instanceof Short || v instanceof Byte) {
            long n = ((Number) v).longValue();
            return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? (Object) (int) n : (Object) n;
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        return v;
    }
}
