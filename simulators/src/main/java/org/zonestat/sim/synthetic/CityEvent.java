package org.zonestat.sim.synthetic;

import java.time.Instant;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;

/**
 * One synthetic record before it is written as raw-topic JSON: a shooting or homicide, one
 * lifecycle step of a 311 request, or a tip. Times are epoch milliseconds; {@code -1} means absent.
 * Tips carry a category and a short text, never anything about who called.
 *
 * <p>Immutable; thread-safe.
 */
record CityEvent(
        Feed feed,
        String id,
        long at,
        double lat,
        double lon,
        String code,
        String type,
        String status,
        long createdAt,
        long dueAt,
        long closedAt,
        String agency,
        String text) {
    static final String SOURCE = "synthetic-city";

    /**
     * The record in the raw JSON contract, or one of the malformed variants ({@code null}: well
     * formed).
     */
    RawEvent toRaw(MalformedKind malformed) {
        StringBuilder b = new StringBuilder(256);
        b.append('{');
        string(b, "id", id).append(',');
        string(b, "source", SOURCE);
        switch (feed) {
            case INCIDENTS -> {
                b.append(',');
                string(b, "kind", code).append(',');
                string(b, "type", type);
            }
            case REQUESTS311 -> {
                b.append(',');
                string(b, "type", type).append(',');
                string(b, "status", status);
            }
            case TIPS -> {
                b.append(',');
                string(b, "category", code);
            }
        }
        if (malformed != MalformedKind.MISSING_FIELD) {
            b.append(',');
            string(b, "occurredAt", Instant.ofEpochMilli(at).toString());
        }
        double outLat = lat;
        double outLon = lon;
        if (malformed == MalformedKind.ZERO_COORDINATES) {
            outLat = 0;
            outLon = 0;
        } else if (malformed == MalformedKind.SWAPPED_COORDINATES) {
            outLat = lon;
            outLon = lat;
        }
        b.append(",\"lat\":").append(round6(outLat)).append(",\"lon\":").append(round6(outLon));
        if (createdAt >= 0) {
            b.append(',');
            string(b, "createdAt", Instant.ofEpochMilli(createdAt).toString());
        }
        if (dueAt >= 0) {
            b.append(',');
            string(b, "dueAt", Instant.ofEpochMilli(dueAt).toString());
        }
        if (closedAt >= 0) {
            b.append(',');
            string(b, "closedAt", Instant.ofEpochMilli(closedAt).toString());
        }
        if (agency != null) {
            b.append(',');
            string(b, "agency", agency);
        }
        if (text != null) {
            b.append(',');
            string(b, "text", text);
        }
        b.append('}');
        String json = b.toString();
        if (malformed == MalformedKind.BAD_JSON) {
            json = json.substring(0, json.length() / 2);
        }
        return new RawEvent(feed, id, json, Instant.ofEpochMilli(at));
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static StringBuilder string(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }
}
