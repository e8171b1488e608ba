package org.zonestat.console.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code zone-stats} record: a zone's counts for one local day, plus the optional end-of-day
 * 311 figures newer records carry.
 *
 * @param layer zone layer id
 * @param zone zone name
 * @param day local date
 * @param counts the counts present in the record (a kind the record does not carry is absent)
 * @param openAtEnd open 311 requests in the zone at the end of the day, or null
 * @param overdueAtEnd overdue 311 requests in the zone at the end of the day, or null
 * @param medianDaysToClose median days to close of the requests closed that day, or null
 */
public record ZoneDay(
        String layer,
        String zone,
        LocalDate day,
        Map<Kind, Long> counts,
        Long openAtEnd,
        Long overdueAtEnd,
        Double medianDaysToClose) {

    public ZoneDay {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(day, "day");
        EnumMap<Kind, Long> copy = new EnumMap<>(Kind.class);
        copy.putAll(counts);
        counts = Collections.unmodifiableMap(copy);
    }

    /** The count of a kind, or null if the record does not carry it. */
    public Long count(Kind kind) {
        return counts.get(kind);
    }

    /**
     * Reads a {@code zone-stats} payload; unknown fields are ignored, the optional ones may be
     * missing or null.
     *
     * @throws IllegalArgumentException naming the field if {@code layer}, {@code zone} or {@code
     *     day} is missing or a count is not a non-negative whole number
     */
    public static ZoneDay fromJson(JsonNode n) {
        String layer = text(n, "layer");
        String zone = text(n, "zone");
        LocalDate day;
        try {
            day = LocalDate.parse(text(n, "day"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("day is not an ISO date: " + n.get("day"));
        }
        EnumMap<Kind, Long> counts = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            Long v = count(n, k.field());
            if (v != null) {
                counts.put(k, v);
            }
        }
        JsonNode median = n.get("medianDaysToClose");
        Double medianDays = median == null || median.isNull() ? null : median.asDouble();
        return new ZoneDay(
                layer,
                zone,
                day,
                counts,
                count(n, "openAtEnd"),
                count(n, "overdueAtEnd"),
                medianDays);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return v.asText();
    }

    private static Long count(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            throw new IllegalArgumentException(field + " must be a whole number >= 0, was " + v);
        }
        return v.asLong();
    }
}
